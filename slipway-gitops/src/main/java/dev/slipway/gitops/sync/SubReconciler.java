package dev.slipway.gitops.sync;

import dev.slipway.gitops.target.Reason;

/**
 * One step of reconciling an environment's applications; steps run in order on one {@link ReconcileContext}. A
 * step records failures of single applications in the context and throws a
 * {@link dev.slipway.gitops.target.ReconcileFailure} only when the environment as a whole cannot go on; any other
 * exception it lets escape is filed as a generic failure with the reason its {@link Slot} names.
 */
interface SubReconciler {

    void reconcile(ReconcileContext ctx);

    /**
     * A step in the ordered list {@link ApplicationReconciler} runs.
     *
     * @param failureReason the reason of an untyped exception escaping the step
     * @param step the step
     */
    record Slot(Reason failureReason, SubReconciler step) {}
}
