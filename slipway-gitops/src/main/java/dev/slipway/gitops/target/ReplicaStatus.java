package dev.slipway.gitops.target;

import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * What one replica is doing.
 *
 * @param key which replica
 * @param state its state
 * @param revision the spec revision it runs (a digest of its launch settings)
 * @param port its port when known (0 otherwise)
 * @param pid its process id when running (0 otherwise)
 * @param restarts how many times it was restarted after exiting
 * @param lastExitCode the exit code of its last unexpected exit, or null
 * @param lastExitTime when that was, or null
 * @param logFile where its output goes
 * @param logTail the last lines of its log when it crashed (empty otherwise)
 * @param packedIn the shared server process that hosts it as one of its models (then {@code port}, {@code pid} and
 *     {@code logFile} are that process's), or null for a replica with a process of its own
 */
public record ReplicaStatus(
        ReplicaKey key,
        ReplicaState state,
        String revision,
        int port,
        long pid,
        int restarts,
        Integer lastExitCode,
        Instant lastExitTime,
        String logFile,
        List<String> logTail,
        @Nullable PackedIn packedIn) {

    public ReplicaStatus {
        logTail = List.copyOf(logTail);
    }

    /**
     * Where a packed replica is served.
     *
     * @param host the shared process's name ({@code packed-0}, …)
     * @param model the replica's model name in that process: its routes are under {@link #path()}
     */
    public record PackedIn(String host, String model) {

        /** The path prefix of the replica's routes on its host ({@code /models/MODEL}). */
        public String path() {
            return "/models/" + model;
        }
    }
}
