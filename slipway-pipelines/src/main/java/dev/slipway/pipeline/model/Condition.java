package dev.slipway.pipeline.model;

import java.time.Instant;
import java.util.Objects;

/**
 * The one {@code Succeeded} condition of a run, stage or step (Tekton's shape): its status follows
 * from the reason (a status that contradicts it is refused, never silently replaced). Spelled like every
 * condition in Slipway, GitOps' included: {@code Succeeded}, {@code True|False|Unknown}, reasons in
 * UpperCamelCase.
 *
 * @param type always {@code Succeeded}
 * @param status Unknown while running, then True or False
 * @param reason why
 * @param message a human-readable detail, possibly empty
 * @param lastTransitionTime when the reason last changed
 */
public record Condition(
        String type, ConditionStatus status, Reason reason, String message, Instant lastTransitionTime) {

    public static final String SUCCEEDED = "Succeeded";

    public Condition {
        Objects.requireNonNull(reason, "reason");
        type = type == null ? SUCCEEDED : type;
        if (status != null && status != reason.status()) {
            throw new IllegalArgumentException(
                    "status " + status + " does not go with reason " + reason + " (it is " + reason.status() + ")");
        }
        status = reason.status();
        message = message == null ? "" : message;
    }

    public static Condition of(Reason reason, String message, Instant at) {
        return new Condition(SUCCEEDED, reason.status(), reason, message, at);
    }

    public boolean isDone() {
        return reason.isDone();
    }
}
