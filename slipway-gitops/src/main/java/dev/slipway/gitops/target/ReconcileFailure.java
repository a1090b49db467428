package dev.slipway.gitops.target;

import dev.slipway.gitops.spec.SpecException;
import java.time.Duration;
import java.util.Objects;

/**
 * A typed failure of a reconcile step (Flux's {@code internal/error}), thrown by the sync controller's steps and by
 * runtime targets. Its kind decides the conditions and when the controller tries again:
 * <ul>
 *   <li>{@link Stalling}: needs a human (a manifest the target cannot honour). {@code Stalled=True}; not retried
 *       until main moves or someone asks ({@code slipway env sync}).
 *   <li>{@link Waiting}: will probably pass by itself (a target that cannot be reached yet). {@code Ready=False};
 *       retried after {@link Waiting#requeueAfter()}.
 *   <li>{@link Generic}: anything else. {@code Ready=False}; retried with exponential backoff.
 * </ul>
 * The {@link #reason()} is the condition's reason ({@code ParseFailed}, {@code ApplyFailed}, {@code PruneFailed},
 * {@code HealthCheckFailed}, {@code FetchFailed}, …).
 */
public abstract sealed class ReconcileFailure extends RuntimeException
        permits ReconcileFailure.Stalling, ReconcileFailure.Waiting, ReconcileFailure.Generic {

    private final Reason reason;

    private ReconcileFailure(Reason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    /** The condition reason this failure sets. */
    public Reason reason() {
        return reason;
    }

    /** Needs a human; not retried until its input changes. */
    public static Stalling stalling(Reason reason, String message) {
        return new Stalling(reason, message, null);
    }

    /** Retried after {@code requeueAfter}. */
    public static Waiting waiting(Reason reason, String message, Duration requeueAfter) {
        return new Waiting(reason, message, requeueAfter, null);
    }

    /** Retried with backoff. */
    public static Generic generic(Reason reason, String message, Throwable cause) {
        return new Generic(reason, message, cause);
    }

    /**
     * {@code e} as a typed failure: itself when it is one; a {@link SpecException} (the target cannot honour a field)
     * stalls; anything else is generic, both with {@code reason}.
     */
    public static ReconcileFailure of(Reason reason, RuntimeException e) {
        if (e instanceof ReconcileFailure f) {
            return f;
        }
        if (e instanceof SpecException) {
            return new Stalling(reason, e.getMessage(), e);
        }
        final String message = e.getMessage() == null
                ? e.getClass().getSimpleName()
                : e instanceof IllegalStateException
                                || e instanceof IllegalArgumentException
                                || e instanceof java.io.UncheckedIOException
                        ? e.getMessage()
                        : e.getClass().getSimpleName() + ": " + e.getMessage();
        return new Generic(reason, message, e);
    }

    /** Needs a human. */
    public static final class Stalling extends ReconcileFailure {
        private Stalling(Reason reason, String message, Throwable cause) {
            super(reason, message, cause);
        }
    }

    /** Retried after a fixed delay. */
    public static final class Waiting extends ReconcileFailure {
        private final Duration requeueAfter;

        private Waiting(Reason reason, String message, Duration requeueAfter, Throwable cause) {
            super(reason, message, cause);
            this.requeueAfter = Objects.requireNonNull(requeueAfter, "requeueAfter");
        }

        public Duration requeueAfter() {
            return requeueAfter;
        }
    }

    /** Retried with backoff. */
    public static final class Generic extends ReconcileFailure {
        private Generic(Reason reason, String message, Throwable cause) {
            super(reason, message, cause);
        }
    }
}
