package dev.slipway.gitops.sync;

import dev.slipway.gitops.status.Inventory;
import dev.slipway.gitops.status.InventoryStore;
import dev.slipway.gitops.target.Reason;
import dev.slipway.gitops.target.ReconcileFailure;
import dev.slipway.gitops.target.RuntimeTarget;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * Prune: deletes what the inventory says was applied but main no longer has, in the namespace it was applied to
 * (so also what an environment left behind when its namespace changed). A deployment whose file is present but
 * invalid is kept (its last good version keeps serving). Deletes are started, never awaited on the sync thread:
 * their completion wakes the environment, and a later pass drops the entry from the inventory (or files
 * {@code PruneFailed} and tries again).
 */
record PruneStep(RuntimeTarget target, InventoryStore store, Rollouts rollouts) implements SubReconciler {

    @Override
    public void reconcile(ReconcileContext ctx) {
        for (final Inventory.Entry e : List.copyOf(ctx.inventory.entries())) {
            final boolean here = e.namespace().equals(ctx.env.namespace());
            if (here && (ctx.desired.containsKey(e.name()) || ctx.invalid.containsKey(e.file()))) {
                continue;
            }
            final String key = e.id();
            CompletableFuture<Boolean> deleting = rollouts.deleting.get(key);
            if (deleting == null) {
                rollouts.observed.remove(key);
                rollouts.drifts.remove(key);
                try {
                    deleting = target.delete(e.namespace(), e.name());
                } catch (RuntimeException ex) {
                    ctx.failures.put(e.name(), ReconcileFailure.of(Reason.PRUNE_FAILED, ex));
                    ctx.pruning.put(e.name(), e);
                    continue;
                }
                rollouts.deleting.put(key, deleting);
                final String env = ctx.env.name();
                deleting.whenComplete((existed, failure) -> rollouts.wake(env));
            }
            if (!deleting.isDone()) {
                ctx.pruning.put(e.name(), e);
                continue;
            }
            rollouts.deleting.remove(key);
            try {
                deleting.join();
            } catch (CompletionException | java.util.concurrent.CancellationException ex) {
                final Throwable cause = ex.getCause() == null ? ex : ex.getCause();
                ctx.failures.put(
                        e.name(),
                        ReconcileFailure.of(
                                Reason.PRUNE_FAILED,
                                cause instanceof RuntimeException r
                                        ? r
                                        : new IllegalStateException(cause.getMessage(), cause)));
                ctx.pruning.put(e.name(), e);
                continue;
            }
            ctx.inventory = ctx.inventory.without(e.namespace(), e.name());
            store.save(ctx.inventory);
            ctx.event(e.name(), Reason.PRUNED, "pruned " + e.id() + ": " + e.file() + " is gone from main");
        }
    }
}
