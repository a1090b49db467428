package dev.slipway.runtime.sklearn.pickle;

import java.util.LinkedHashSet;

/** A Python set or frozenset. Equality and hash are by identity, so nothing recurses. */
public final class PySet extends LinkedHashSet<Object> {
    private static final long serialVersionUID = 1L;

    private final boolean frozen;

    public PySet(boolean frozen) {
        this.frozen = frozen;
    }

    /** True for a frozenset. */
    public boolean frozen() {
        return frozen;
    }

    @Override
    public boolean equals(Object o) {
        return this == o;
    }

    @Override
    public int hashCode() {
        return System.identityHashCode(this);
    }

    @Override
    public String toString() {
        return PyObjects.describe(this);
    }
}
