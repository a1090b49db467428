package dev.slipway.pipeline.exec;

import dev.slipway.pipeline.model.Reason;

/**
 * How a step ended.
 *
 * @param reason Succeeded, Failed, TimedOut or Cancelled
 * @param exitCode the exit code when the process exited by itself, else null
 * @param message a one-line explanation ("exit code 2", "timed out after 2s (step timeout)")
 */
public record StepOutcome(Reason reason, Integer exitCode, String message) {}
