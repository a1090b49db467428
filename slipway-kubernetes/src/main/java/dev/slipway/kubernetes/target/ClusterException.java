package dev.slipway.kubernetes.target;

/**
 * A cluster could not do what was asked; {@link #kind} decides whether retrying can help.
 */
public final class ClusterException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** Why. */
    public enum Kind {
        /** No kubeconfig, no such context, bad credentials file: a human must fix the configuration. */
        CONFIGURATION,
        /** The API server cannot be reached (or timed out): retried on the next reconcile. */
        UNREACHABLE,
        /** The API refused an object (RBAC forbidden, invalid, conflict): a human must fix the manifest or RBAC. */
        REFUSED,
        /** A registry or object store refused what was published. */
        PUBLISH_FAILED
    }

    private final Kind kind;

    public ClusterException(Kind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
    }

    public ClusterException(Kind kind, String message) {
        this(kind, message, null);
    }

    public Kind kind() {
        return kind;
    }

    /** True when retrying later may succeed without anyone changing anything. */
    public boolean transientFailure() {
        return kind == Kind.UNREACHABLE;
    }
}
