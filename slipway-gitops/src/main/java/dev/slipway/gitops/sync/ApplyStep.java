package dev.slipway.gitops.sync;

import dev.slipway.gitops.status.Inventory;
import dev.slipway.gitops.status.InventoryStore;
import dev.slipway.gitops.target.RuntimeTarget;
import java.util.Map;

/**
 * Apply: hands each out-of-sync manifest to the runtime target (which rolls replicas one at a time). The
 * inventory is saved first, so a crash after this point still knows what it applied; applying the same
 * manifest again is harmless. Rollouts are not awaited: Health reports them.
 */
final class ApplyStep implements SubReconciler {

  private final RuntimeTarget target;
  private final InventoryStore store;
  private final Map<String, String> inFlight;

  ApplyStep(RuntimeTarget target, InventoryStore store, Map<String, String> inFlight) {
    this.target = target;
    this.store = store;
    this.inFlight = inFlight;
  }

  @Override
  public void reconcile(ReconcileContext ctx) {
    for (final String name : ctx.outOfSync) {
      final ReconcileContext.Desired d = ctx.desired.get(name);
      final String key = ctx.env.namespace() + "/" + name;
      if (d.digest().equals(inFlight.get(key))) {
        continue; // already rolling out
      }
      try {
        target.check(d.manifest(), ctx.env.namespace());
        ctx.inventory = ctx.inventory.with(new Inventory.Entry(name, d.file(), d.digest(), ctx.revision.name(),
            ctx.now));
        store.save(ctx.inventory);
        inFlight.put(key, d.digest());
        target.apply(d.manifest(), ctx.env.namespace())
            .whenComplete((status, failure) -> inFlight.remove(key, d.digest()));
      } catch (RuntimeException e) {
        ctx.applyErrors.put(name, e.getMessage());
      }
    }
  }
}
