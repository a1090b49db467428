package dev.slipway.pipeline.model;

import java.time.Instant;
import java.util.Objects;

/**
 * A step of a run: its condition, times, exit code and log file.
 *
 * @param name the step's name
 * @param condition its Succeeded condition
 * @param startTime when its process started, or null
 * @param endTime when it finished, or null
 * @param exitCode the process's exit code, or null if it did not exit by itself
 * @param log the log file's name inside the run's folder
 */
public record StepRun(
        String name, Condition condition, Instant startTime, Instant endTime, Integer exitCode, String log) {

    public StepRun {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(condition, "condition");
    }

    public StepRun withCondition(Condition c) {
        return new StepRun(name, c, startTime, endTime, exitCode, log);
    }

    public StepRun started(Instant at) {
        return new StepRun(name, Condition.of(Reason.Running, "", at), at, null, null, log);
    }

    public StepRun finished(Reason reason, String message, Integer code, Instant at) {
        return new StepRun(name, Condition.of(reason, message, at), startTime, at, code, log);
    }
}
