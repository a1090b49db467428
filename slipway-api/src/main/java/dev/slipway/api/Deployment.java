package dev.slipway.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;

/**
 * {@code GET /api/v1/namespaces/{ns}/deployments/{name}}: a deployment's status on the runtime.
 *
 * @param namespace where it runs
 * @param name its name
 * @param generation the spec generation applied
 * @param ready true when every replica is ready
 * @param conditions {@code Ready} and friends, spelled as Kubernetes does ({@code True}, {@code ReplicasNotReady})
 * @param replicas one per replica of every graph node
 * @param warnings what the spec asked for that is ignored here
 * @param wanted how many replicas the applied spec asks for (null from a server that does not say)
 * @param readyUpToDate how many of those are ready and run the applied spec; during a rollout the old replicas in
 *     {@code replicas} serve besides them (null from a server that does not say)
 */
public record Deployment(
        String namespace,
        String name,
        long generation,
        boolean ready,
        List<Condition> conditions,
        List<Replica> replicas,
        List<String> warnings,
        Integer wanted,
        Integer readyUpToDate) {

    public Deployment {
        conditions = conditions == null ? List.of() : List.copyOf(conditions);
        replicas = replicas == null ? List.of() : List.copyOf(replicas);
        warnings = warnings == null ? List.of() : List.copyOf(warnings);
    }

    /** A deployment whose listed replicas are all wanted and up to date (no rollout under way). */
    public Deployment(
            String namespace,
            String name,
            long generation,
            boolean ready,
            List<Condition> conditions,
            List<Replica> replicas,
            List<String> warnings) {
        this(namespace, name, generation, ready, conditions, replicas, warnings, null, null);
    }

    /** Ready replicas (old and new): what takes traffic now. */
    public long serving() {
        return replicas.stream().filter(r -> "Ready".equals(r.state())).count();
    }

    /** {@link #wanted}, or the listed replicas when the server did not say. */
    public int wantedOrListed() {
        return wanted != null ? wanted : replicas.size();
    }

    /** {@link #readyUpToDate}, or the ready replicas when the server did not say. */
    public long readyUpToDateOrServing() {
        return readyUpToDate != null ? readyUpToDate : serving();
    }

    /**
     * One replica of a graph node.
     *
     * @param predictor its predictor
     * @param node its graph node
     * @param replica its index within the node
     * @param state {@code Starting}, {@code Ready}, {@code Crashed}, …
     * @param revision the launch settings' digest it runs
     * @param port its port (0 when not known)
     * @param pid its process id (0 when not running)
     * @param restarts how often it was restarted
     * @param lastExitCode its last exit code, or null
     * @param lastExitTime when it last exited, or null
     * @param logFile its log file
     * @param logTail the last lines of its log when it crashed (empty otherwise)
     * @param sharedProcess for a packed replica, the shared server process that hosts it ({@code packed-0}; then
     *     port, pid and log are that process's), else null
     * @param model for a packed replica, its model's name in that process (routes under {@code /models/MODEL}), else
     *     null
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Replica(
            String predictor,
            String node,
            String replica,
            String state,
            String revision,
            int port,
            long pid,
            int restarts,
            Integer lastExitCode,
            Instant lastExitTime,
            String logFile,
            @JsonInclude(JsonInclude.Include.NON_EMPTY) List<String> logTail,
            String sharedProcess,
            String model) {

        public Replica {
            logTail = logTail == null ? List.of() : List.copyOf(logTail);
        }
    }
}
