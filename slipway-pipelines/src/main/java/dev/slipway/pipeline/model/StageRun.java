package dev.slipway.pipeline.model;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A stage of a run.
 *
 * @param name the stage's name
 * @param condition its Succeeded condition
 * @param startTime when its first step started, or null
 * @param endTime when it finished, or null
 * @param steps its steps, in order
 */
public record StageRun(String name, Condition condition, Instant startTime, Instant endTime, List<StepRun> steps) {

    public StageRun {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(condition, "condition");
        steps = List.copyOf(steps);
    }

    public StageRun withStep(int index, StepRun step) {
        List<StepRun> s = new ArrayList<>(steps);
        s.set(index, step);
        return new StageRun(name, condition, startTime, endTime, s);
    }

    public StageRun withCondition(Condition c, Instant start, Instant end) {
        return new StageRun(name, c, start, end, steps);
    }
}
