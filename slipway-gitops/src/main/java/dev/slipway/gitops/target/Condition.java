package dev.slipway.gitops.target;

import java.time.Instant;
import java.util.Objects;

/**
 * One typed observation about a deployment, as Kubernetes conditions are written.
 *
 * @param type what is observed
 * @param status whether it holds
 * @param reason why, as a typed reason
 * @param message details for people
 * @param lastTransitionTime when {@code status} last changed
 */
public record Condition(ConditionType type, Status status, Reason reason, String message, Instant lastTransitionTime) {

    public Condition {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(lastTransitionTime, "lastTransitionTime");
    }

    /** Whether a condition holds. */
    public enum Status implements Spelled {
        TRUE,
        FALSE,
        UNKNOWN;

        @Override
        public String toString() {
            return Spelling.of(this);
        }
    }

    /** A copy with a new status, keeping the transition time when the status did not change. */
    public Condition update(Status newStatus, Reason newReason, String newMessage, Instant now) {
        return new Condition(type, newStatus, newReason, newMessage, newStatus == status ? lastTransitionTime : now);
    }
}
