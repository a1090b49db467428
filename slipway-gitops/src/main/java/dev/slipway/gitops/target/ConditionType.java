package dev.slipway.gitops.target;

/**
 * Condition types of deployments (runtime) and of GitOps applications and environments (sync controller):
 * {@code Ready} summarises; the others have negative polarity and exist only while true.
 */
public enum ConditionType implements Spelled {
    /** Every replica of the applied spec is ready. */
    READY,
    /** A create, update or delete is under way. */
    PROGRESSING,
    /** The last rollout failed; what ran before keeps serving. */
    STALLED,
    /** The application differs from its manifest on main (sync controller). */
    OUT_OF_SYNC;

    @Override
    public String toString() {
        return Spelling.of(this);
    }
}
