package dev.slipway.gitops.promote;

import java.util.List;

/**
 * What a promotion did.
 *
 * @param outcome no change, a commit on main, or a promotion request
 * @param commit the new commit (on main or the promotion branch), or empty
 * @param request the request opened (APPROVAL environments), or null
 * @param superseded ids of older requests this one replaced
 * @param summary one line for people
 */
public record PromotionResult(
        Outcome outcome, String commit, PromotionRequest request, List<String> superseded, String summary) {

    public PromotionResult {
        superseded = List.copyOf(superseded);
    }

    /** What happened. */
    public enum Outcome {
        NO_CHANGE,
        COMMITTED,
        REQUESTED
    }
}
