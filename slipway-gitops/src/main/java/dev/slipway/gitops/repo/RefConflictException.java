package dev.slipway.gitops.repo;

/** A ref moved between reading and updating it (compare-and-swap lost): retry from the new value. */
public final class RefConflictException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public RefConflictException(String message) {
        super(message);
    }
}
