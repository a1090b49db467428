package dev.slipway.console.view;

import java.util.List;

/**
 * One run: its summary, its stages, the first failing step (if any) and the promotion requests it opened.
 *
 * @param failedStep {@code "Stage / step"} of the first failed step, or empty
 */
public record RunView(RunRow run, List<StageView> stages, String failedStep, List<PromotionRow> opened) {

    public RunView {
        stages = List.copyOf(stages);
        opened = List.copyOf(opened);
    }
}
