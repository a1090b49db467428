/** Step logs: bounded lines, secret masking in every encoding, and the per-run log files. */
@NullMarked
package dev.slipway.pipeline.log;

import org.jspecify.annotations.NullMarked;
