package dev.slipway.gitops.sync;

import dev.slipway.gitops.env.Environment;
import dev.slipway.gitops.status.ApplicationStatus;
import dev.slipway.gitops.status.EnvironmentStatus;
import dev.slipway.gitops.status.HealthStatus;
import dev.slipway.gitops.status.SyncEvent;
import dev.slipway.gitops.status.SyncStatus;
import dev.slipway.gitops.target.Condition;
import dev.slipway.gitops.target.ConditionType;
import dev.slipway.gitops.target.Reason;
import dev.slipway.gitops.target.ReconcileFailure;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.eclipse.jgit.lib.ObjectId;

/**
 * An environment's conditions from its application rows (so the summary always agrees with them), or from the
 * failure that stopped the pass: {@code Ready} summarises, {@code Stalled} exists only while true.
 */
final class Summary {

    private Summary() {}

    /** Whether a row counts as done: synced, and healthy or suspended. */
    static boolean ok(ApplicationStatus a) {
        return a.sync() == SyncStatus.SYNCED
                && (a.health() == HealthStatus.HEALTHY || a.health() == HealthStatus.SUSPENDED);
    }

    static EnvironmentStatus of(
            Environment env,
            ObjectId revision,
            Instant now,
            List<ApplicationStatus> apps,
            ReconcileFailure failure,
            List<SyncEvent> events) {
        final String rev = revision == null ? "" : revision.abbreviate(7).name();
        final List<Condition> conditions = new ArrayList<>();
        if (failure != null) {
            final String retry =
                    failure instanceof ReconcileFailure.Stalling ? " (not retried until main changes)" : " (retrying)";
            conditions.add(new Condition(
                    ConditionType.READY,
                    Condition.Status.FALSE,
                    failure.reason(),
                    "reconcile failed: " + failure.getMessage() + retry,
                    now));
            if (failure instanceof ReconcileFailure.Stalling) {
                conditions.add(new Condition(
                        ConditionType.STALLED, Condition.Status.TRUE, failure.reason(), failure.getMessage(), now));
            }
        } else {
            final List<ApplicationStatus> bad =
                    apps.stream().filter(a -> !ok(a)).toList();
            if (bad.isEmpty()) {
                conditions.add(new Condition(
                        ConditionType.READY,
                        Condition.Status.TRUE,
                        Reason.SUCCEEDED,
                        count(apps.size()) + " synced and healthy at " + rev,
                        now));
            } else {
                final Reason reason = bad.stream()
                        .filter(a -> a.health() == HealthStatus.DEGRADED)
                        .findFirst()
                        .or(() -> bad.stream()
                                .filter(a -> a.sync() != SyncStatus.SYNCED)
                                .findFirst())
                        .orElse(bad.get(0))
                        .conditions()
                        .stream()
                        .filter(c -> c.type() == ConditionType.READY)
                        .map(Condition::reason)
                        .findFirst()
                        .orElse(Reason.PROGRESSING);
                final StringBuilder m = new StringBuilder()
                        .append(bad.size())
                        .append(" of ")
                        .append(count(apps.size()))
                        .append(" not synced and healthy at ")
                        .append(rev)
                        .append(':');
                bad.forEach(a -> m.append(' ')
                        .append(a.name())
                        .append(" (")
                        .append(a.sync())
                        .append(' ')
                        .append(a.health())
                        .append(')')
                        .append(a == bad.get(bad.size() - 1) ? "" : ","));
                conditions.add(new Condition(ConditionType.READY, Condition.Status.FALSE, reason, m.toString(), now));
            }
        }
        return new EnvironmentStatus(
                env.name(),
                env.folder(),
                env.namespace(),
                env.promotion().name().toLowerCase(Locale.ROOT),
                revision == null ? "" : revision.name(),
                now,
                conditions,
                apps,
                events);
    }

    private static String count(int n) {
        return n + (n == 1 ? " application" : " applications");
    }
}
