package dev.slipway.gitops.env;

/** How changes reach an environment's folder on {@code main}. */
public enum PromotionPolicy {
    /** Committed directly to main: live at once (staging). */
    AUTO,
    /** Proposed on a branch with a promotion request that a listed approver (not its author) must approve. */
    APPROVAL
}
