package dev.slipway.gitops.target;

/** The life of a replica. */
public enum ReplicaState {
    STARTING,
    READY,
    /** Exited unexpectedly; waiting for its restart (backoff). */
    CRASHED,
    DRAINING,
    STOPPED;

    @com.fasterxml.jackson.annotation.JsonValue
    @Override
    public String toString() {
        return Spelling.of(this);
    }

    @com.fasterxml.jackson.annotation.JsonCreator
    public static ReplicaState parse(String text) {
        return Spelling.parse(ReplicaState.class, text);
    }
}
