package dev.slipway.gitops.promote;

/** Where a promotion request stands. */
public enum PromotionState {
    /** Waiting for an approver. */
    OPEN,
    /** Approved; the merge into main is under way (a request left here by a crash is merged on the next approve). */
    APPROVED,
    /** Closed by a reviewer; never merged. */
    REJECTED,
    /** Merged into main. */
    MERGED,
    /** A newer request for the same environment and deployment replaced it. */
    SUPERSEDED
}
