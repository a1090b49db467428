package dev.slipway.runtime.sklearn.pickle;

import java.util.Objects;

/**
 * An instance of an allowed Python class, as the VM built it: the class, its constructor arguments
 * ({@code NEWOBJ}/{@code REDUCE}), its state ({@code BUILD}) and any items added to it by
 * {@code SETITEMS}/{@code APPENDS} (dict and list subclasses). No Python code ran to build it.
 */
public final class PyInstance {

    private final PyGlobal type;
    private final PyTuple args;
    private Object state;
    private PyDict dictItems;
    private PyList listItems;

    public PyInstance(PyGlobal type, PyTuple args) {
        this.type = Objects.requireNonNull(type, "type");
        this.args = Objects.requireNonNull(args, "args");
    }

    /** The class. */
    public PyGlobal type() {
        return type;
    }

    /** The class's unqualified name, e.g. {@code LogisticRegression}. */
    public String className() {
        String n = type.name();
        int dot = n.lastIndexOf('.');
        return dot < 0 ? n : n.substring(dot + 1);
    }

    /** Constructor arguments (empty when none). */
    public PyTuple args() {
        return args;
    }

    /** The state given by BUILD (usually a dict of attributes), or null. */
    public Object state() {
        return state;
    }

    /**
     * The attribute dict: the state when it is a dict, or the first element of a {@code (dict, slots)}
     * state with the slots merged in; empty when there is no state.
     */
    public PyDict attributes() {
        PyDict out = new PyDict();
        if (state instanceof PyDict d) {
            return d;
        }
        if (state instanceof PyTuple t && t.size() == 2) {
            if (t.get(0) instanceof PyDict d) {
                out.putAll(d);
            }
            if (t.get(1) instanceof PyDict s) {
                out.putAll(s);
            }
        }
        return out;
    }

    /** Items set with SETITEM(S) on a dict subclass; empty when none. */
    public PyDict dictItems() {
        return dictItems == null ? new PyDict() : dictItems;
    }

    /** Items added with APPEND(S) on a list subclass; empty when none. */
    public PyList listItems() {
        return listItems == null ? new PyList() : listItems;
    }

    void setState(Object newState) {
        if (state instanceof PyDict d && newState instanceof PyDict n) {
            d.putAll(n);
        } else {
            state = newState;
        }
    }

    PyDict mutableDictItems() {
        if (dictItems == null) {
            dictItems = new PyDict();
        }
        return dictItems;
    }

    PyList mutableListItems() {
        if (listItems == null) {
            listItems = new PyList();
        }
        return listItems;
    }

    @Override
    public String toString() {
        return type.qualifiedName() + "(…)";
    }
}
