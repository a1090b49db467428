package dev.slipway.gitops.sync;

import dev.slipway.gitops.status.Inventory;
import dev.slipway.gitops.status.InventoryStore;
import dev.slipway.gitops.target.RuntimeTarget;
import java.util.List;

/**
 * Prune: deletes what the inventory says was applied but main no longer has. A deployment whose file is
 * present but invalid is kept (its last good version keeps serving).
 */
final class PruneStep implements SubReconciler {

  private final RuntimeTarget target;
  private final InventoryStore store;

  PruneStep(RuntimeTarget target, InventoryStore store) {
    this.target = target;
    this.store = store;
  }

  @Override
  public void reconcile(ReconcileContext ctx) {
    for (final Inventory.Entry e : List.copyOf(ctx.inventory.entries().values())) {
      if (ctx.desired.containsKey(e.name()) || ctx.invalid.containsKey(e.file())) {
        continue;
      }
      target.delete(ctx.env.namespace(), e.name()).join();
      ctx.inventory = ctx.inventory.without(e.name());
      store.save(ctx.inventory);
      ctx.pruned.add(e.name());
    }
  }
}
