package dev.slipway.gitops.target;

import java.time.Instant;
import java.util.List;

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
        List<String> logTail) {

    public ReplicaStatus {
        logTail = List.copyOf(logTail);
    }
}
