/** Step logs: bounded lines, secret masking in every encoding, and the per-run log files. */
package dev.slipway.pipeline.log;
