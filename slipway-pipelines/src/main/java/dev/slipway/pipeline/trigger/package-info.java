/** Triggers: webhook signatures, push events, polling and the bounded per-repository run queue. */
@NullMarked
package dev.slipway.pipeline.trigger;

import org.jspecify.annotations.NullMarked;
