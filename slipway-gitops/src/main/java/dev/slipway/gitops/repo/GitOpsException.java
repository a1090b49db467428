package dev.slipway.gitops.repo;

/** A git operation on the GitOps repository failed (unreadable object, unreachable remote, …). */
public final class GitOpsException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public GitOpsException(String message, Throwable cause) {
        super(message, cause);
    }

    public GitOpsException(String message) {
        super(message);
    }
}
