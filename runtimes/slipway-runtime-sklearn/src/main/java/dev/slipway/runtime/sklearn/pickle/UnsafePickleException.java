package dev.slipway.runtime.sklearn.pickle;

/** A pickle stream that refers to a global outside the allowlist; nothing was executed. */
public final class UnsafePickleException extends PickleException {
    private static final long serialVersionUID = 1L;

    private final String global;

    public UnsafePickleException(String global, String message) {
        super(message);
        this.global = global;
    }

    /** The refused global, as {@code module.name}. */
    public String global() {
        return global;
    }
}
