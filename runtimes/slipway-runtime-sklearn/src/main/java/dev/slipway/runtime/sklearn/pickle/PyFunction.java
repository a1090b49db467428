package dev.slipway.runtime.sklearn.pickle;

import java.util.Objects;

/**
 * An allowed Python callable, implemented in Java by this reader (never by the file): what a REDUCE of
 * {@code numpy.core.multiarray._reconstruct} or {@code copyreg._reconstructor} does here.
 *
 * @param global the Python name
 * @param body what calling it builds
 */
public record PyFunction(PyGlobal global, Body body) {

    /** The Java implementation of a call. */
    @FunctionalInterface
    public interface Body {
        /** The result of calling with these positional arguments. */
        Object call(PyTuple args);
    }

    public PyFunction {
        Objects.requireNonNull(global, "global");
        Objects.requireNonNull(body, "body");
    }

    Object call(PyTuple args) {
        return body.call(args);
    }

    @Override
    public String toString() {
        return global.qualifiedName();
    }
}
