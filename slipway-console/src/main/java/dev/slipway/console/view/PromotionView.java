package dev.slipway.console.view;

import java.util.List;

/**
 * One promotion request: what a reviewer reads before approving.
 *
 * @param run the run of the source commit (the one that opened the request), or null when none is on record
 * @param mayDecide false when the viewer is its author or lacks the approver role (the page shows no buttons)
 * @param why why the viewer may not decide, or empty
 * @param supersededBy the request that superseded this one, or empty
 * @param conflict why approving it would be refused now (its branch moved, or it conflicts with main), or empty
 */
public record PromotionView(
        PromotionRow request,
        String email,
        List<String> assignees,
        List<String> changedFiles,
        String baseCommit,
        String mergeCommit,
        List<Decision> decisions,
        List<DiffLine> diff,
        RunRow run,
        boolean mayDecide,
        String why,
        String supersededBy,
        String conflict) {

    public PromotionView {
        assignees = List.copyOf(assignees);
        changedFiles = List.copyOf(changedFiles);
        decisions = List.copyOf(decisions);
        diff = List.copyOf(diff);
    }
}
