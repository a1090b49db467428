package dev.slipway.gitops.sync;

/** One step of reconciling an environment's applications; steps run in order on one {@link ReconcileContext}. */
interface SubReconciler {

  void reconcile(ReconcileContext ctx);
}
