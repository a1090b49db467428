/** Plumbing shared by every module, written once: atomic files, mappers with limits, problems, durations. */
@NullMarked
package dev.slipway.support;

import org.jspecify.annotations.NullMarked;
