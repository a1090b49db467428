package dev.slipway.runtime.sklearn.pickle;

import java.util.ArrayList;

/** A Python list. Unhashable as in Python: equality and hash are by identity, so nothing recurses. */
public final class PyList extends ArrayList<Object> {
    private static final long serialVersionUID = 1L;

    public PyList() {
        super();
    }

    public PyList(int capacity) {
        super(Math.min(capacity, 1 << 16));
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
