package dev.slipway.gitops.sync;

import dev.slipway.gitops.status.Inventory;
import dev.slipway.gitops.target.RuntimeTarget;

/**
 * Diff: a deployment is out of sync when the inventory's digest differs from main's manifest, or when it does
 * not run at all (never applied, lost in a crash, or deleted behind the controller's back: self-heal).
 */
final class DiffStep implements SubReconciler {

  private final RuntimeTarget target;

  DiffStep(RuntimeTarget target) {
    this.target = target;
  }

  @Override
  public void reconcile(ReconcileContext ctx) {
    for (final ReconcileContext.Desired d : ctx.desired.values()) {
      final Inventory.Entry applied = ctx.inventory.entries().get(d.name());
      final boolean live = target.status(ctx.env.namespace(), d.name()).isPresent();
      if (applied == null || !applied.digest().equals(d.digest()) || !live) {
        ctx.outOfSync.add(d.name());
      }
    }
  }
}
