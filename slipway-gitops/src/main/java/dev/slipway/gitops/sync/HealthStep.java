package dev.slipway.gitops.sync;

import dev.slipway.gitops.status.ApplicationStatus;
import dev.slipway.gitops.status.HealthStatus;
import dev.slipway.gitops.status.Inventory;
import dev.slipway.gitops.status.SyncStatus;
import dev.slipway.gitops.target.Condition;
import dev.slipway.gitops.target.ConditionType;
import dev.slipway.gitops.target.DeploymentStatus;
import dev.slipway.gitops.target.Reason;
import dev.slipway.gitops.target.ReplicaState;
import dev.slipway.gitops.target.RuntimeTarget;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Health: each application's sync and health, as conditions (Ready; Reconciling, Stalled and OutOfSync only
 * while true), from the runtime's {@link DeploymentStatus}. Transition times carry over from the last pass.
 */
final class HealthStep implements SubReconciler {

  private final RuntimeTarget target;
  private final Map<String, ApplicationStatus> previous;
  final List<ApplicationStatus> out = new ArrayList<>();

  HealthStep(RuntimeTarget target, Map<String, ApplicationStatus> previous) {
    this.target = target;
    this.previous = previous;
  }

  @Override
  public void reconcile(ReconcileContext ctx) {
    final String ns = ctx.env.namespace();
    for (final ReconcileContext.Desired d : ctx.desired.values()) {
      final Optional<DeploymentStatus> live = target.status(ns, d.name());
      final Inventory.Entry applied = ctx.inventory.entries().get(d.name());
      final boolean synced = applied != null && applied.digest().equals(d.digest()) && live.isPresent();
      final String applyError = ctx.applyErrors.get(d.name());
      final Conditions c = new Conditions(previous.get(d.name()), ctx);
      HealthStatus health;
      if (applyError != null) {
        health = HealthStatus.DEGRADED;
        c.set(ConditionType.STALLED, Reason.APPLY_FAILED, applyError);
      } else if (live.isEmpty()) {
        health = HealthStatus.MISSING;
      } else if (live.get().condition(ConditionType.STALLED).map(x -> x.status() == Condition.Status.TRUE)
          .orElse(false)) {
        health = HealthStatus.DEGRADED;
        c.set(ConditionType.STALLED, Reason.ROLLOUT_FAILED,
            live.get().condition(ConditionType.STALLED).get().message());
      } else if (live.get().ready() && !ctx.outOfSync.contains(d.name())) {
        health = HealthStatus.HEALTHY;
      } else {
        health = HealthStatus.PROGRESSING;
        c.set(ConditionType.PROGRESSING, Reason.PROGRESSING, replicas(live.get()));
      }
      if (!synced) {
        c.set(ConditionType.OUT_OF_SYNC, Reason.OUT_OF_SYNC, live.isEmpty()
            ? "not running; applying " + d.file() + " at " + ctx.shortRevision()
            : "applying " + d.file() + " at " + ctx.shortRevision());
      }
      if (synced && health == HealthStatus.HEALTHY) {
        c.ready(Condition.Status.TRUE, Reason.SUCCEEDED, "serving " + d.file() + " at " + ctx.shortRevision()
            + "; " + replicas(live.get()));
      } else {
        final Reason reason = health == HealthStatus.DEGRADED
            ? (applyError != null ? Reason.APPLY_FAILED : Reason.ROLLOUT_FAILED)
            : health == HealthStatus.MISSING ? Reason.MISSING : !synced ? Reason.OUT_OF_SYNC : Reason.PROGRESSING;
        c.ready(Condition.Status.FALSE, reason, c.firstMessage().orElse(health.name().toLowerCase()));
      }
      out.add(new ApplicationStatus(d.name(), d.file(), ns, synced ? SyncStatus.SYNCED : SyncStatus.OUT_OF_SYNC,
          health, ctx.revision.name(), applied == null ? "" : applied.revision(), c.list()));
    }
    ctx.invalid.forEach((file, message) -> {
      final String name = ctx.inventory.entries().values().stream().filter(e -> e.file().equals(file))
          .map(Inventory.Entry::name).findFirst().orElse(baseName(file));
      final Inventory.Entry applied = ctx.inventory.entries().get(name);
      final Conditions c = new Conditions(previous.get(name), ctx);
      c.set(ConditionType.STALLED, Reason.INVALID_MANIFEST, message);
      c.ready(Condition.Status.FALSE, Reason.INVALID_MANIFEST, message
          + (applied == null ? "" : " (still serving " + applied.revision().substring(0, 7) + ")"));
      out.add(new ApplicationStatus(name, file, ns, SyncStatus.UNKNOWN, HealthStatus.DEGRADED, ctx.revision.name(),
          applied == null ? "" : applied.revision(), c.list()));
    });
  }

  private static String baseName(String file) {
    final String f = file.substring(file.lastIndexOf('/') + 1);
    return f.contains(".") ? f.substring(0, f.lastIndexOf('.')) : f;
  }

  private static String replicas(DeploymentStatus s) {
    final long ready = s.replicas().stream().filter(r -> r.state() == ReplicaState.READY).count();
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
      list.add(make(type, Condition.Status.TRUE, reason, message));
    }

    void ready(Condition.Status status, Reason reason, String message) {
      list.add(0, make(ConditionType.READY, status, reason, message));
    }

    Optional<String> firstMessage() {
      return list.stream().map(Condition::message).findFirst();
    }

    private Condition make(ConditionType type, Condition.Status status, Reason reason, String message) {
      final Optional<Condition> old = previous == null ? Optional.empty()
          : previous.conditions().stream().filter(x -> x.type() == type).findFirst();
      return old.map(o -> o.update(status, reason, message, ctx.now))
          .orElseGet(() -> new Condition(type, status, reason, message, ctx.now));
    }

    List<Condition> list() {
      return list;
    }
  }
}
