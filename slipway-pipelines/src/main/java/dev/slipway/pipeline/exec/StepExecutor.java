package dev.slipway.pipeline.exec;

import dev.slipway.pipeline.log.MaskingLineWriter;

/** Runs one step to its end and says how it ended; the step's output goes to {@code output}. */
public interface StepExecutor {

    StepOutcome execute(StepSpec spec, MaskingLineWriter output, Cancellation cancellation);
}
