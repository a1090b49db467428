package dev.slipway.runtime.sklearn.pickle;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/** Small value helpers of the {@link Unpickler}: filling lists and dicts, lengths, memo indices, latin-1. */
final class Values {

    private Values() {}

    /** A one-element list holding {@code o}, which may be None. */
    static List<Object> single(Object o) {
        List<Object> l = new ArrayList<>(1);
        l.add(o);
        return l;
    }

    static List<Object> pairOf(Object k, Object v) {
        List<Object> l = new ArrayList<>(2);
        l.add(k);
        l.add(v);
        return l;
    }

    static String latin1(byte[] b) {
        return new String(b, java.nio.charset.StandardCharsets.ISO_8859_1);
    }

    static long length(int n) {
        if (n < 0) {
            throw new PickleException("negative length " + n);
        }
        return n;
    }

    static long parseIndex(String s) {
        try {
            return Long.parseLong(s.trim());
        } catch (NumberFormatException e) {
            throw new PickleException("malformed memo index '" + PyObjects.describe(s) + "'");
        }
    }

    /** APPEND(S): adds items to a list, or to the list items of an instance (a list subclass). */
    static void append(Object target, List<Object> items) {
        Collection<Object> dest;
        if (target instanceof PyList l) {
            dest = l;
        } else if (target instanceof PyInstance i) {
            dest = i.mutableListItems();
        } else {
            throw new PickleException("APPEND to " + PyObjects.typeName(target) + " is not supported");
        }
        dest.addAll(items);
    }

    /** SETITEM(S): puts key/value pairs into a dict, or into the dict items of an instance (a dict subclass). */
    static void setItems(Object target, List<Object> kv) {
        if (kv.size() % 2 != 0) {
            throw new PickleException("SETITEMS with an odd number of values");
        }
        Map<Object, Object> dest;
        if (target instanceof PyDict d) {
            dest = d;
        } else if (target instanceof PyInstance i) {
            dest = i.mutableDictItems();
        } else {
            throw new PickleException("SETITEM on " + PyObjects.typeName(target) + " is not supported");
        }
        for (int i = 0; i < kv.size(); i += 2) {
            Object k = kv.get(i);
            if (k instanceof PyList || k instanceof PyDict || (k instanceof PySet s && !s.frozen())) {
                throw new PickleException("unhashable dict key of type " + PyObjects.typeName(k));
            }
            dest.put(k, kv.get(i + 1));
        }
    }
}
