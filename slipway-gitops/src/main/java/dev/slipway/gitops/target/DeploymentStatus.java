package dev.slipway.gitops.target;

import java.util.List;
import java.util.Optional;

/**
 * The live state of a deployment.
 *
 * @param namespace its namespace
 * @param name its name
 * @param generation how many times a spec was applied
 * @param conditions Ready (always), Progressing and Stalled (while true)
 * @param replicas every replica, ordered by predictor, node and id
 * @param warnings fields of the applied spec the target ignores
 * @param wanted how many replicas the applied spec asks for (all nodes)
 * @param readyUpToDate how many of them are ready and run the applied spec (during a rollout, old replicas still
 *     serve besides them: {@code replicas} lists both)
 */
public record DeploymentStatus(
        String namespace,
        String name,
        long generation,
        List<Condition> conditions,
        List<ReplicaStatus> replicas,
        List<String> warnings,
        int wanted,
        int readyUpToDate) {

    public DeploymentStatus {
        conditions = List.copyOf(conditions);
        replicas = List.copyOf(replicas);
        warnings = List.copyOf(warnings);
    }

    /** A status where every listed replica is wanted and up to date once ready (no rollout in between). */
    public DeploymentStatus(
            String namespace,
            String name,
            long generation,
            List<Condition> conditions,
            List<ReplicaStatus> replicas,
            List<String> warnings) {
        this(namespace, name, generation, conditions, replicas, warnings, replicas.size(), (int)
                replicas.stream().filter(r -> r.state() == ReplicaState.READY).count());
    }

    /** The condition of {@code type}, if present. */
    public Optional<Condition> condition(ConditionType type) {
        return conditions.stream().filter(c -> c.type() == type).findFirst();
    }

    /** True when the Ready condition is true. */
    public boolean ready() {
        return condition(ConditionType.READY)
                .map(c -> c.status() == Condition.Status.TRUE)
                .orElse(false);
    }
}
