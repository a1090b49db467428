package dev.slipway.gitops.target.local;

import dev.slipway.gitops.spec.Manifest;
import dev.slipway.gitops.target.Condition;
import dev.slipway.gitops.target.ConditionType;
import dev.slipway.gitops.target.DeploymentStatus;
import dev.slipway.gitops.target.Reason;
import dev.slipway.gitops.target.ReplicaState;
import dev.slipway.gitops.target.ReplicaStatus;
import dev.slipway.support.Problem;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One deployment on the local runtime: its node replicas and conditions. {@link #apply} brings the replicas
 * to a new plan in the order that keeps requests flowing: new and changed nodes first (a new replica is
 * ready before an old one is drained), then the route switch, then removals and scale-downs.
 */
final class LocalDeployment {

    private static final Logger LOG = LoggerFactory.getLogger(LocalDeployment.class);

    private final LocalContext ctx;
    private final String namespace;
    private final String name;
    private final Map<String, NodeReplicas> nodes = new LinkedHashMap<>();
    private final Map<String, Integer> wanted = new LinkedHashMap<>();
    private final Map<ConditionType, Condition> conditions = new EnumMap<>(ConditionType.class);
    private long generation;
    private List<String> warnings = List.of();

    LocalDeployment(LocalContext ctx, String namespace, String name) {
        this.ctx = ctx;
        this.namespace = namespace;
        this.name = name;
    }

    /**
     * Brings the replicas to {@code unresolved} once its images are resolved; throws {@link ReplicaFailure} when a new
     * replica never gets ready, {@link ImageLaunches.ImageFailure} (nothing touched) when an image cannot be resolved.
     */
    void apply(Manifest manifest, List<NodePlan> unresolved) {
        synchronized (this) {
            generation++;
            warnings = manifest.warnings().stream().map(Problem::toString).toList();
            set(
                    ConditionType.PROGRESSING,
                    Condition.Status.TRUE,
                    Reason.PROGRESSING,
                    "applying generation " + generation);
        }
        try {
            final List<NodePlan> plans = new ImageLaunches(ctx.config().images()).resolve(unresolved);
            final boolean pack = new PackPolicy(ctx.config().pack()).requested(manifest.deployment());
            final List<String> notPacked = new ArrayList<>();
            for (final NodePlan plan : plans) {
                NodeReplicas replicas;
                synchronized (this) {
                    replicas = nodes.get(plan.key());
                    if (replicas == null) {
                        replicas = new NodeReplicas(ctx, namespace, name, plan);
                        nodes.put(plan.key(), replicas);
                    }
                }
                final String whyNot = pack ? PackPolicy.whyNot(plan.launch()) : null;
                if (whyNot != null) {
                    notPacked.add("node " + plan.key() + " runs in processes of its own, not packed: " + whyNot);
                }
                replicas.packed(pack && whyNot == null);
                if (!replicas.revision().equals(plan.launch().revision())) {
                    replicas.roll(plan.launch(), plan.replicas());
                } else if (replicas.size() < plan.replicas()) {
                    replicas.scaleUp(plan.replicas());
                }
                synchronized (this) {
                    wanted.put(plan.key(), plan.replicas());
                }
            }
            synchronized (this) {
                final List<String> all = new ArrayList<>(warnings);
                all.addAll(notPacked);
                warnings = List.copyOf(all);
            }
            ctx.listener().deploymentChanged(manifest.deployment().inNamespace(namespace));
            final Set<String> keys = plans.stream().map(NodePlan::key).collect(Collectors.toSet());
            for (final NodePlan plan : plans) {
                nodes.get(plan.key()).scaleDown(plan.replicas());
            }
            final List<String> gone = new ArrayList<>();
            synchronized (this) {
                nodes.keySet().stream().filter(k -> !keys.contains(k)).forEach(gone::add);
            }
            for (final String key : gone) {
                nodes.get(key).stopAll(true);
                synchronized (this) {
                    nodes.remove(key);
                    wanted.remove(key);
                }
            }
            synchronized (this) {
                conditions.remove(ConditionType.STALLED);
            }
        } catch (ReplicaFailure | ImageLaunches.ImageFailure e) {
            synchronized (this) {
                set(ConditionType.STALLED, Condition.Status.TRUE, Reason.ROLLOUT_FAILED, e.getMessage());
            }
            throw e;
        } finally {
            synchronized (this) {
                conditions.remove(ConditionType.PROGRESSING);
            }
        }
    }

    /** Withdraws the deployment from traffic and stops every replica. */
    void delete() {
        synchronized (this) {
            set(ConditionType.PROGRESSING, Condition.Status.TRUE, Reason.DELETING, "deleting");
        }
        ctx.listener().deploymentRemoved(namespace, name);
        final List<NodeReplicas> all;
        synchronized (this) {
            all = new ArrayList<>(nodes.values());
        }
        all.parallelStream().forEach(n -> n.stopAll(true));
        synchronized (this) {
            nodes.clear();
        }
    }

    /** Stops everything at once (shutdown). */
    void stopNow() {
        final List<NodeReplicas> all;
        synchronized (this) {
            all = new ArrayList<>(nodes.values());
        }
        all.parallelStream().forEach(n -> n.stopAll(false));
    }

    synchronized DeploymentStatus status() {
        final List<ReplicaStatus> replicas = new ArrayList<>();
        boolean ready = !nodes.isEmpty();
        String notReady = "";
        for (final Map.Entry<String, NodeReplicas> e : nodes.entrySet()) {
            final List<ReplicaStatus> nodeStatus = e.getValue().status();
            replicas.addAll(nodeStatus);
            final long readyCount = nodeStatus.stream()
                    .filter(r -> r.state() == ReplicaState.READY)
                    .count();
            final int want = wanted.getOrDefault(e.getKey(), nodeStatus.size());
            if (readyCount < want || readyCount < nodeStatus.size()) {
                ready = false;
                notReady = e.getKey() + ": " + readyCount + "/" + want + " replicas ready";
            }
        }
        final boolean crashed = replicas.stream().anyMatch(r -> r.state() == ReplicaState.CRASHED);
        if (conditions.containsKey(ConditionType.PROGRESSING) || conditions.containsKey(ConditionType.STALLED)) {
            ready = false;
        }
        if (ready) {
            set(ConditionType.READY, Condition.Status.TRUE, Reason.SUCCEEDED, replicas.size() + " replicas ready");
        } else if (conditions.containsKey(ConditionType.STALLED)) {
            set(
                    ConditionType.READY,
                    Condition.Status.FALSE,
                    Reason.ROLLOUT_FAILED,
                    conditions.get(ConditionType.STALLED).message());
        } else if (conditions.containsKey(ConditionType.PROGRESSING)) {
            set(ConditionType.READY, Condition.Status.FALSE, Reason.PROGRESSING, "rollout in progress");
        } else {
            set(
                    ConditionType.READY,
                    Condition.Status.FALSE,
                    crashed ? Reason.REPLICA_CRASHED : Reason.REPLICAS_NOT_READY,
                    notReady.isEmpty() ? "no replicas" : notReady);
        }
        final int want = nodes.values().stream().mapToInt(NodeReplicas::wanted).sum();
        final int upToDate =
                nodes.values().stream().mapToInt(NodeReplicas::readyUpToDate).sum();
        return new DeploymentStatus(
                namespace, name, generation, List.copyOf(conditions.values()), replicas, warnings, want, upToDate);
    }

    private void set(ConditionType type, Condition.Status status, Reason reason, String message) {
        final Instant now = ctx.config().clock().instant();
        final Condition existing = conditions.get(type);
        if (existing == null || existing.status() != status || existing.reason() != reason) {
            LOG.info("deployment {}/{}: {} {} ({}): {}", namespace, name, type, status, reason, message);
        }
        conditions.put(
                type,
                existing == null
                        ? new Condition(type, status, reason, message, now)
                        : existing.update(status, reason, message, now));
    }
}
