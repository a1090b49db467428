package dev.slipway.gitops.target.local;

import dev.slipway.gitops.target.ReplicaKey;
import java.util.List;

/** A replica that did not become ready: names it and carries the tail of its log. */
public final class ReplicaFailure extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final transient ReplicaKey key;
    private final transient List<String> logTail;

    ReplicaFailure(ReplicaKey key, String reason, String logFile, List<String> logTail) {
        super("replica " + key + " did not become ready: " + reason + " (log: " + logFile + ")"
                + (logTail.isEmpty() ? "" : "\n  last log lines:\n    " + String.join("\n    ", logTail)));
        this.key = key;
        this.logTail = List.copyOf(logTail);
    }

    /** The replica. */
    public ReplicaKey key() {
        return key;
    }

    /** The last lines of its log. */
    public List<String> logTail() {
        return logTail;
    }
}
