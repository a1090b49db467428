package dev.slipway.console.view;

import java.util.List;

/** A stage of a run (a column of the stage view) with its steps. */
public record StageView(String name, String reason, String duration, String message, List<StepView> steps) {

    public StageView {
        steps = List.copyOf(steps);
    }
}
