package dev.slipway.runtime.sklearn.pickle;

/** A pickle stream that cannot be read: truncated, corrupt, over a limit or using an unsupported feature. */
public class PickleException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public PickleException(String message) {
        super(message);
    }

    public PickleException(String message, Throwable cause) {
        super(message, cause);
    }
}
