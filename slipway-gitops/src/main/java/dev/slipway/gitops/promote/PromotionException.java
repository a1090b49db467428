package dev.slipway.gitops.promote;

import java.util.Objects;

/** A promotion, review or rollback that cannot be done; {@link #kind()} says whose fault and maps to HTTP. */
public final class PromotionException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** Why it failed. */
    public enum Kind {
        /** Bad input (400). */
        INVALID(400),
        /** Not allowed for this user, e.g. the four-eyes rule (403). */
        FORBIDDEN(403),
        /** Unknown id or environment (404). */
        NOT_FOUND(404),
        /** The state does not allow it (merged, conflicting, branch moved) (409). */
        CONFLICT(409),
        /** Lost a race too often: try again (409 too, retryable). */
        RETRY(409),
        /** The sync controller cannot say anything yet (main missing, environments.yaml unreadable) (503). */
        UNAVAILABLE(503);

        private final int httpStatus;

        Kind(int httpStatus) {
            this.httpStatus = httpStatus;
        }

        public int httpStatus() {
            return httpStatus;
        }
    }

    private final Kind kind;

    public PromotionException(Kind kind, String message) {
        super(message);
        this.kind = Objects.requireNonNull(kind, "kind");
    }

    public Kind kind() {
        return kind;
    }
}
