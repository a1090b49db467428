package dev.slipway.gitops.sync;

import dev.slipway.gitops.spec.DeploymentSpec;
import dev.slipway.gitops.spec.Manifest;
import dev.slipway.gitops.spec.PredictorSpec;
import dev.slipway.gitops.status.ApplicationStatus;
import dev.slipway.gitops.status.HealthStatus;
import dev.slipway.gitops.status.Inventory;
import dev.slipway.gitops.status.SyncStatus;
import dev.slipway.gitops.target.Condition;
import dev.slipway.gitops.target.ConditionType;
import dev.slipway.gitops.target.DeploymentStatus;
import dev.slipway.gitops.target.Reason;
import dev.slipway.gitops.target.ReconcileFailure;
import dev.slipway.gitops.target.ReplicaState;
import dev.slipway.gitops.target.RuntimeTarget;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Health: each application's sync ({@code Synced|OutOfSync}) and health
 * ({@code Healthy|Progressing|Degraded|Missing|Suspended}) with conditions (Ready; Progressing, Stalled and
 * OutOfSync only while true), from the runtime's {@link DeploymentStatus}, the inventory and the failures of this
 * pass. A rollout that finished is Healthy at once (its completion wakes the environment). Transition times carry
 * over from the last pass.
 */
final class HealthStep implements SubReconciler {

    private final RuntimeTarget target;
    private final Rollouts rollouts;
    private final Map<String, ApplicationStatus> previous;
    final List<ApplicationStatus> out = new ArrayList<>();

    HealthStep(RuntimeTarget target, Rollouts rollouts, Map<String, ApplicationStatus> previous) {
        this.target = target;
        this.rollouts = rollouts;
        this.previous = previous;
    }

    @Override
    public void reconcile(ReconcileContext ctx) {
        final String ns = ctx.env.namespace();
        for (final ReconcileContext.Desired d : ctx.desired.values()) {
            out.add(application(ctx, d, ns));
        }
        ctx.invalid.forEach((file, message) -> {
            final String name = ctx.inventory.entries().stream()
                    .filter(e -> e.file().equals(file) && e.namespace().equals(ns))
                    .map(Inventory.Entry::name)
                    .findFirst()
                    .orElse(baseName(file));
            final Optional<Inventory.Entry> applied = ctx.inventory.find(ns, name);
            final Conditions c = new Conditions(previous.get(name), ctx);
            c.set(ConditionType.STALLED, Reason.PARSE_FAILED, message);
            final String ready = message
                    + applied.map(a -> " (still serving " + a.revision().substring(0, 7) + ")")
                            .orElse("");
            c.ready(Condition.Status.FALSE, Reason.PARSE_FAILED, ready);
            out.add(new ApplicationStatus(
                    name,
                    file,
                    ns,
                    SyncStatus.UNKNOWN,
                    HealthStatus.DEGRADED,
                    ctx.revision.name(),
                    applied.map(Inventory.Entry::revision).orElse(""),
                    ready,
                    c.list()));
        });
        ctx.pruning.forEach((name, entry) -> {
            final Conditions c = new Conditions(previous.get(name), ctx);
            final ReconcileFailure f = ctx.failures.get(name);
            final String message = f != null
                    ? "cannot prune " + entry.id() + ": " + f.getMessage()
                    : "pruning " + entry.id() + ": " + entry.file() + " is gone from main";
            c.set(ConditionType.OUT_OF_SYNC, Reason.OUT_OF_SYNC, message);
            c.ready(Condition.Status.FALSE, f != null ? f.reason() : Reason.DELETING, message);
            out.add(new ApplicationStatus(
                    name,
                    entry.file(),
                    entry.namespace(),
                    SyncStatus.OUT_OF_SYNC,
                    f != null ? HealthStatus.DEGRADED : HealthStatus.PROGRESSING,
                    ctx.shortRevision().isEmpty() ? "" : ctx.revision.name(),
                    entry.revision(),
                    message,
                    c.list()));
        });
    }

    private ApplicationStatus application(ReconcileContext ctx, ReconcileContext.Desired d, String ns) {
        final Conditions c = new Conditions(previous.get(d.name()), ctx);
        ReconcileFailure failure = ctx.failures.get(d.name());
        Optional<DeploymentStatus> live = Optional.empty();
        if (failure == null || failure.reason() != Reason.HEALTH_CHECK_FAILED) {
            try {
                live = target.status(ns, d.name());
            } catch (RuntimeException e) {
                failure = ReconcileFailure.of(Reason.HEALTH_CHECK_FAILED, e);
                ctx.failures.put(d.name(), failure);
            }
        }
        final Optional<Inventory.Entry> applied = ctx.inventory.find(ns, d.name());
        final String drift = ctx.drifted.get(d.name());
        final boolean rolling = rollouts.applying.containsKey(Rollouts.key(ns, d.name()));
        final boolean synced =
                applied.isPresent() && applied.get().digest().equals(d.digest()) && live.isPresent() && drift == null;
        final HealthStatus health;
        Reason reason;
        if (failure != null && failure.reason() == Reason.HEALTH_CHECK_FAILED) {
            health = HealthStatus.UNKNOWN;
            reason = failure.reason();
            c.set(ConditionType.PROGRESSING, reason, failure.getMessage());
        } else if (failure != null) {
            health = HealthStatus.DEGRADED;
            reason = failure.reason();
            c.set(
                    failure instanceof ReconcileFailure.Stalling ? ConditionType.STALLED : ConditionType.PROGRESSING,
                    reason,
                    failure.getMessage());
        } else if (live.isEmpty()) {
            health = HealthStatus.MISSING;
            reason = Reason.MISSING;
        } else if (live.get()
                .condition(ConditionType.STALLED)
                .map(x -> x.status() == Condition.Status.TRUE)
                .orElse(false)) {
            health = HealthStatus.DEGRADED;
            reason = Reason.ROLLOUT_FAILED;
            c.set(
                    ConditionType.STALLED,
                    reason,
                    live.get().condition(ConditionType.STALLED).get().message());
        } else if (live.get().ready() && !rolling && synced) {
            health = suspended(d.manifest()) ? HealthStatus.SUSPENDED : HealthStatus.HEALTHY;
            reason = suspended(d.manifest()) ? Reason.SUSPENDED : Reason.SUCCEEDED;
        } else {
            health = HealthStatus.PROGRESSING;
            reason = Reason.PROGRESSING;
            c.set(ConditionType.PROGRESSING, reason, replicas(live.get()));
        }
        if (drift != null) {
            c.set(
                    ConditionType.OUT_OF_SYNC,
                    Reason.CHANGED_OUTSIDE_GIT_OPS,
                    d.name() + " was " + drift + "; self-heal re-applies " + d.file());
            reason = health == HealthStatus.DEGRADED ? reason : Reason.CHANGED_OUTSIDE_GIT_OPS;
        } else if (!synced) {
            c.set(
                    ConditionType.OUT_OF_SYNC,
                    Reason.OUT_OF_SYNC,
                    live.isEmpty()
                            ? "not running; applying " + d.file() + " at " + ctx.shortRevision()
                            : "applying " + d.file() + " at " + ctx.shortRevision());
            reason = health == HealthStatus.PROGRESSING || health == HealthStatus.MISSING ? Reason.OUT_OF_SYNC : reason;
        }
        final String message;
        if (synced && (health == HealthStatus.HEALTHY || health == HealthStatus.SUSPENDED)) {
            message = "serving " + d.file() + " at " + ctx.shortRevision() + "; " + replicas(live.get());
            c.ready(Condition.Status.TRUE, reason, message);
        } else {
            message = c.firstMessage().orElse(health.toString());
            c.ready(Condition.Status.FALSE, reason, message);
        }
        return new ApplicationStatus(
                d.name(),
                d.file(),
                ns,
                synced ? SyncStatus.SYNCED : SyncStatus.OUT_OF_SYNC,
                health,
                ctx.revision.name(),
                applied.map(Inventory.Entry::revision).orElse(""),
                message,
                c.list());
    }

    /** Every predictor asks for no replicas. */
    static boolean suspended(Manifest m) {
        final DeploymentSpec spec = m.deployment().spec();
        for (final PredictorSpec p : spec.predictors()) {
            final Integer r = p.replicas() != null ? p.replicas() : spec.replicas();
            if (r == null
                    || r > 0
                    || p.componentSpecs().stream().anyMatch(cs -> cs.replicas() != null && cs.replicas() > 0)) {
                return false;
            }
        }
        return !spec.predictors().isEmpty();
    }

    private static String baseName(String file) {
        final String f = file.substring(file.lastIndexOf('/') + 1);
        return f.contains(".") ? f.substring(0, f.lastIndexOf('.')) : f;
    }

    static String replicas(DeploymentStatus s) {
        final long ready = s.replicas().stream()
                .filter(r -> r.state() == ReplicaState.READY)
                .count();
        return ready + "/" + s.replicas().size() + " replicas ready";
    }

    /** Builds a condition list, keeping transition times of unchanged conditions. */
    private static final class Conditions {
        private final ApplicationStatus previous;
        private final ReconcileContext ctx;
        private final List<Condition> list = new ArrayList<>();

        Conditions(ApplicationStatus previous, ReconcileContext ctx) {
            this.previous = previous;
            this.ctx = ctx;
        }

        void set(ConditionType type, Reason reason, String message) {
            list.removeIf(x -> x.type() == type);
            list.add(make(type, Condition.Status.TRUE, reason, message));
        }

        void ready(Condition.Status status, Reason reason, String message) {
            list.add(0, make(ConditionType.READY, status, reason, message));
        }

        Optional<String> firstMessage() {
            return list.stream().map(Condition::message).findFirst();
        }

        private Condition make(ConditionType type, Condition.Status status, Reason reason, String message) {
            final Optional<Condition> old = previous == null
                    ? Optional.empty()
                    : previous.conditions().stream()
                            .filter(x -> x.type() == type)
                            .findFirst();
            return old.map(o -> o.update(status, reason, message, ctx.now))
                    .orElseGet(() -> new Condition(type, status, reason, message, ctx.now));
        }

        List<Condition> list() {
            return list;
        }
    }
}
