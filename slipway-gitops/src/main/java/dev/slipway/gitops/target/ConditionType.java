package dev.slipway.gitops.target;

/**
 * Condition types of deployments (runtime) and of GitOps applications and environments (sync controller):
 * {@code Ready} summarises; the others have negative polarity and exist only while true.
 */
public enum ConditionType {
    /** Every replica of the applied spec is ready. */
    READY,
    /** A create, update or delete is under way. */
    PROGRESSING,
    /** The last rollout failed; what ran before keeps serving. */
    STALLED,
    /** The application differs from its manifest on main (sync controller). */
    OUT_OF_SYNC;

    @com.fasterxml.jackson.annotation.JsonValue
    @Override
    public String toString() {
        return Spelling.of(this);
    }

    @com.fasterxml.jackson.annotation.JsonCreator
    public static ConditionType parse(String text) {
        return Spelling.parse(ConditionType.class, text);
    }
}
