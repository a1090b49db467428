package dev.slipway.gitops.sync;

import dev.slipway.gitops.status.Inventory;
import dev.slipway.gitops.status.InventoryStore;
import dev.slipway.gitops.target.Reason;
import dev.slipway.gitops.target.ReconcileFailure;
import dev.slipway.gitops.target.RuntimeTarget;
import java.time.Duration;

/**
 * Apply: hands each out-of-sync manifest to the runtime target (which rolls replicas one at a time). The inventory
 * entry (with its namespace) is saved first, so a crash after this point still knows what it applied; applying the
 * same manifest again is harmless. Rollouts are not awaited: their completion wakes the environment, and Health
 * reports them. A deployment that drifted is put back only once the self-heal delay has passed since the drift was
 * noticed (until then it shows OutOfSync). A manifest the target cannot honour stalls its application
 * ({@code ApplyFailed}); other failures are retried.
 */
record ApplyStep(RuntimeTarget target, InventoryStore store, Rollouts rollouts, Duration selfHeal)
        implements SubReconciler {

    @Override
    public void reconcile(ReconcileContext ctx) {
        final String ns = ctx.env.namespace();
        for (final String name : ctx.outOfSync) {
            final ReconcileContext.Desired d = ctx.desired.get(name);
            final String key = Rollouts.key(ns, name);
            if (ctx.failures.containsKey(name) || d.digest().equals(rollouts.applying.get(key))) {
                continue; // status unknown, or already rolling out
            }
            final Rollouts.Drift drift = rollouts.drifts.get(key);
            if (drift != null) {
                final Duration left = selfHeal.minus(Duration.between(drift.since(), ctx.now));
                if (!left.isNegative() && !left.isZero()) {
                    ctx.requeue(left);
                    continue;
                }
            }
            try {
                target.check(d.manifest(), ns);
            } catch (RuntimeException e) {
                ctx.failures.put(name, ReconcileFailure.of(Reason.APPLY_FAILED, e));
                continue;
            }
            ctx.inventory = ctx.inventory.with(
                    Inventory.Entry.of(ns, name, d.file(), d.digest(), ctx.revision.name(), ctx.now));
            store.save(ctx.inventory);
            rollouts.applying.put(key, d.digest());
            rollouts.observed.remove(key);
            try {
                target.apply(d.manifest(), ns)
                        .whenComplete(
                                (status, failure) -> rollouts.applied(ctx.env.name(), target, ns, name, d.digest()));
            } catch (RuntimeException e) {
                rollouts.applying.remove(key, d.digest());
                ctx.failures.put(name, ReconcileFailure.of(Reason.APPLY_FAILED, e));
                continue;
            }
            if (drift != null) {
                rollouts.drifts.remove(key);
                ctx.drifted.remove(name);
                ctx.event(
                        name,
                        Reason.SELF_HEALED,
                        "self-heal: re-applied " + d.file() + " at " + ctx.shortRevision() + " (" + name + " was "
                                + drift.what() + ")");
            }
        }
    }
}
