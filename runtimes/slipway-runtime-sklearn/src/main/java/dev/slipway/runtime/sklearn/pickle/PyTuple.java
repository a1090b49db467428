package dev.slipway.runtime.sklearn.pickle;

import java.util.Arrays;
import java.util.List;

/** An immutable Python tuple; hashable (a dict key) when its items are. */
public final class PyTuple {

    private static final PyTuple EMPTY = new PyTuple(new Object[0]);

    private final Object[] items;
    private final int hash;

    private PyTuple(Object[] items) {
        this.items = items;
        this.hash = Arrays.hashCode(items);
    }

    /** A tuple of these items (the array is copied). */
    public static PyTuple of(Object... items) {
        return items.length == 0 ? EMPTY : new PyTuple(items.clone());
    }

    static PyTuple wrap(Object[] items) {
        return items.length == 0 ? EMPTY : new PyTuple(items);
    }

    public int size() {
        return items.length;
    }

    public Object get(int i) {
        return items[i];
    }

    /** The items as an unmodifiable list (may contain nulls for Python None). */
    public List<Object> items() {
        return java.util.Collections.unmodifiableList(Arrays.asList(items));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PyTuple t && Arrays.equals(items, t.items);
    }

    @Override
    public int hashCode() {
        return hash;
    }

    @Override
    public String toString() {
        return PyObjects.describe(this);
    }
}
