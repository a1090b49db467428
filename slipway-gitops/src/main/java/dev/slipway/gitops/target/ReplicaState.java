package dev.slipway.gitops.target;

/** The life of a replica. */
public enum ReplicaState implements Spelled {
    STARTING,
    READY,
    /** Exited unexpectedly; waiting for its restart (backoff). */
    CRASHED,
    DRAINING,
    STOPPED;

    @Override
    public String toString() {
        return Spelling.of(this);
    }
}
