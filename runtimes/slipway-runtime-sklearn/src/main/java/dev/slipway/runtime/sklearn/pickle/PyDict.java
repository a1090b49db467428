package dev.slipway.runtime.sklearn.pickle;

import java.util.LinkedHashMap;

/** A Python dict (insertion-ordered). Unhashable as in Python: equality and hash are by identity. */
public final class PyDict extends LinkedHashMap<Object, Object> {
    private static final long serialVersionUID = 1L;

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
