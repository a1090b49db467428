package dev.slipway.runtime.sklearn.pickle;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.Map;

/** Conversions and bounded descriptions of the values the VM builds. */
public final class PyObjects {

    private static final int DESCRIBE_ITEMS = 6;
    private static final int DESCRIBE_DEPTH = 3;

    private PyObjects() {}

    /** A short description of a value for messages: never recursive past a small depth, never long. */
    public static String describe(Object value) {
        StringBuilder sb = new StringBuilder();
        describe(value, sb, 0);
        return sb.length() > 200 ? sb.substring(0, 200) + "…" : sb.toString();
    }

    private static void describe(Object v, StringBuilder sb, int depth) {
        if (v == null) {
            sb.append("None");
        } else if (v instanceof String s) {
            sb.append('\'')
                    .append(s.length() > 40 ? s.substring(0, 40) + "…" : s)
                    .append('\'');
        } else if (v instanceof byte[] b) {
            sb.append("bytes[").append(b.length).append(']');
        } else if (v instanceof PyTuple t) {
            items(t.items(), sb, depth, "(", ")");
        } else if (v instanceof PyList l) {
            items(l, sb, depth, "[", "]");
        } else if (v instanceof PySet s) {
            items(s, sb, depth, "{", "}");
        } else if (v instanceof PyDict d) {
            sb.append("dict(").append(d.size()).append(" items)");
        } else if (v instanceof Boolean bo) {
            sb.append(bo ? "True" : "False");
        } else {
            sb.append(v);
        }
    }

    private static void items(Collection<?> c, StringBuilder sb, int depth, String open, String close) {
        if (depth >= DESCRIBE_DEPTH) {
            sb.append(open).append("…").append(close);
            return;
        }
        sb.append(open);
        int i = 0;
        for (Object o : c) {
            if (i > 0) {
                sb.append(", ");
            }
            if (i++ == DESCRIBE_ITEMS) {
                sb.append("… ").append(c.size()).append(" items");
                break;
            }
            describe(o, sb, depth + 1);
        }
        sb.append(close);
    }

    /** A Python type name for messages. */
    public static String typeName(Object v) {
        if (v == null) {
            return "None";
        }
        if (v instanceof String) {
            return "str";
        }
        if (v instanceof Long || v instanceof BigInteger) {
            return "int";
        }
        if (v instanceof Double) {
            return "float";
        }
        if (v instanceof Boolean) {
            return "bool";
        }
        if (v instanceof byte[]) {
            return "bytes";
        }
        if (v instanceof PyTuple) {
            return "tuple";
        }
        if (v instanceof PyList) {
            return "list";
        }
        if (v instanceof PyDict) {
            return "dict";
        }
        if (v instanceof PySet s) {
            return s.frozen() ? "frozenset" : "set";
        }
        if (v instanceof NdArray a) {
            return "ndarray " + a.dtype().describe();
        }
        if (v instanceof PyInstance i) {
            return i.type().qualifiedName();
        }
        return v.getClass().getSimpleName();
    }

    /** A shape tuple (or single int) as longs. */
    static long[] shape(Object v) {
        if (v instanceof Long l) {
            return new long[] {l};
        }
        if (!(v instanceof PyTuple t)) {
            throw new PickleException("numpy shape is not a tuple: " + describe(v));
        }
        long[] out = new long[t.size()];
        if (out.length > 32) {
            throw new PickleException("numpy shape has " + out.length + " dimensions (numpy allows 32)");
        }
        for (int i = 0; i < out.length; i++) {
            out[i] = toLong(t.get(i), "numpy shape dimension");
            if (out[i] < 0) {
                throw new PickleException("numpy shape " + describe(t) + " has a negative dimension");
            }
        }
        return out;
    }

    /** Bytes from a bytes value, or from a str holding bytes as latin-1 (Python 2 and protocol 0/1 pickles). */
    static byte[] bytes(Object v, String what) {
        if (v instanceof byte[] b) {
            return b;
        }
        if (v instanceof String s) {
            return s.getBytes(StandardCharsets.ISO_8859_1);
        }
        throw new PickleException(what + " is not bytes but " + typeName(v));
    }

    /** A Python number (int, float, bool) as a double. */
    public static double toDouble(Object v, String what) {
        if (v instanceof Double d) {
            return d;
        }
        if (v instanceof Long l) {
            return l;
        }
        if (v instanceof Boolean b) {
            return b ? 1 : 0;
        }
        if (v instanceof BigInteger bi) {
            return bi.doubleValue();
        }
        if (v instanceof NdArray a && a.size() == 1) {
            return a.toDoubles()[0];
        }
        throw new PickleException(what + " is not a number but " + typeName(v) + " " + describe(v));
    }

    /** A Python int (or bool) as a long. */
    public static long toLong(Object v, String what) {
        if (v instanceof Long l) {
            return l;
        }
        if (v instanceof Boolean b) {
            return b ? 1 : 0;
        }
        if (v instanceof BigInteger bi && bi.bitLength() < 64) {
            return bi.longValue();
        }
        if (v instanceof NdArray a && a.size() == 1 && "iub".indexOf(a.dtype().kind()) >= 0) {
            return a.toLongs()[0];
        }
        throw new PickleException(what + " is not an int but " + typeName(v) + " " + describe(v));
    }

    /** A dict's value for a string key, or null. */
    public static Object get(Map<?, ?> dict, String key) {
        return dict.get(key);
    }
}
