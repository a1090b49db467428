package dev.slipway.gitops.sync;

import dev.slipway.gitops.status.Inventory;
import dev.slipway.gitops.target.DeploymentStatus;
import dev.slipway.gitops.target.Reason;
import dev.slipway.gitops.target.ReconcileFailure;
import dev.slipway.gitops.target.RuntimeTarget;
import java.util.Optional;

/**
 * Diff: a deployment is out of sync when the inventory's digest differs from main's manifest, when it does not run
 * (never applied, or lost in a restart), or when it drifted: deleted or changed (another generation) outside GitOps
 * since this controller last applied it. Drift is recorded with an event the first time it is seen; Apply puts it
 * back once the self-heal delay has passed. A target that cannot report a deployment marks only that application
 * ({@code HealthCheckFailed}); nothing is applied for it this pass.
 */
record DiffStep(RuntimeTarget target, Rollouts rollouts) implements SubReconciler {

    @Override
    public void reconcile(ReconcileContext ctx) {
        final String ns = ctx.env.namespace();
        for (final ReconcileContext.Desired d : ctx.desired.values()) {
            final String key = Rollouts.key(ns, d.name());
            final Optional<DeploymentStatus> live;
            try {
                live = target.status(ns, d.name());
            } catch (RuntimeException e) {
                ctx.failures.put(d.name(), ReconcileFailure.of(Reason.HEALTH_CHECK_FAILED, e));
                continue;
            }
            if (!rollouts.applying.containsKey(key)) {
                noticeDrift(ctx, d.name(), key, live);
            }
            final Optional<Inventory.Entry> applied = ctx.inventory.find(ns, d.name());
            final Rollouts.Drift drift = rollouts.drifts.get(key);
            if (drift != null) {
                ctx.drifted.put(d.name(), drift.what());
            }
            if (applied.isEmpty() || !applied.get().digest().equals(d.digest()) || live.isEmpty() || drift != null) {
                ctx.outOfSync.add(d.name());
            }
        }
    }

    private void noticeDrift(ReconcileContext ctx, String name, String key, Optional<DeploymentStatus> live) {
        final Long seen = rollouts.observed.get(key);
        String what = null;
        if (live.isPresent() && seen == null) {
            rollouts.observed.put(key, live.get().generation());
        } else if (live.isPresent() && live.get().generation() != seen) {
            what = "changed outside GitOps (generation " + seen + " → "
                    + live.get().generation() + ")";
        } else if (live.isEmpty() && seen != null) {
            what = "deleted outside GitOps";
        }
        if (what != null && !rollouts.drifts.containsKey(key)) {
            rollouts.observed.remove(key);
            rollouts.drifts.put(key, new Rollouts.Drift(ctx.now, what));
            ctx.event(
                    name,
                    Reason.CHANGED_OUTSIDE_GIT_OPS,
                    name + " in namespace " + ctx.env.namespace() + " was " + what
                            + "; it is OutOfSync until self-heal re-applies "
                            + ctx.desired.get(name).file());
        }
    }
}
