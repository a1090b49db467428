package dev.slipway.runtime.sklearn.pickle;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A numpy dtype: kind ({@code f i u b O U S V}), item size, byte order and, for structured dtypes, named
 * fields with offsets. Built by the VM from {@code numpy.dtype(...)} plus its BUILD state; mutable only
 * while the VM is building it.
 */
public final class DType {

    /** One named field of a structured dtype. */
    public record Field(String name, DType type, int offset) {}

    private char kind;
    private int itemSize;
    private boolean littleEndian = true;
    private Map<String, Field> fields = Map.of();
    private final String spec;

    private DType(String spec, char kind, int itemSize) {
        this.spec = spec;
        this.kind = kind;
        this.itemSize = itemSize;
    }

    /**
     * The dtype a numpy type string names ({@code f8}, {@code <i4}, {@code O8}, {@code U12}, {@code V56},
     * {@code b1}, {@code float64}, …).
     *
     * @throws PickleException for a type this reader does not know
     */
    public static DType parse(String text) {
        String s = text;
        boolean little = true;
        if (!s.isEmpty() && "<>|=".indexOf(s.charAt(0)) >= 0) {
            little = s.charAt(0) != '>';
            s = s.substring(1);
        }
        DType named = byName(s);
        if (named != null) {
            named.littleEndian = little;
            return named;
        }
        if (s.isEmpty() || "fiubOUSVc".indexOf(s.charAt(0)) < 0) {
            throw new PickleException("unsupported numpy dtype '" + text + "'");
        }
        char k = s.charAt(0);
        int n;
        try {
            n = s.length() == 1 ? defaultSize(k) : Integer.parseInt(s.substring(1));
        } catch (NumberFormatException e) {
            throw new PickleException("unsupported numpy dtype '" + text + "'");
        }
        if (n < 0 || n > (1 << 20)) {
            throw new PickleException("numpy dtype '" + text + "' has an unreasonable item size");
        }
        int size = k == 'U' ? Math.multiplyExact(n, 4) : n;
        if (k == 'f' && size != 4 && size != 8 && size != 2) {
            throw new PickleException("unsupported float size in numpy dtype '" + text + "'");
        }
        if ((k == 'i' || k == 'u') && size != 1 && size != 2 && size != 4 && size != 8) {
            throw new PickleException("unsupported integer size in numpy dtype '" + text + "'");
        }
        DType d = new DType(text, k, size);
        d.littleEndian = little;
        return d;
    }

    private static int defaultSize(char k) {
        return switch (k) {
            case 'f', 'O' -> 8;
            case 'b', 'u', 'i' -> k == 'b' ? 1 : 8;
            default -> 0;
        };
    }

    private static DType byName(String s) {
        return switch (s) {
            case "float64", "float", "double" -> new DType(s, 'f', 8);
            case "float32" -> new DType(s, 'f', 4);
            case "int64", "int", "long" -> new DType(s, 'i', 8);
            case "int32" -> new DType(s, 'i', 4);
            case "int16" -> new DType(s, 'i', 2);
            case "int8" -> new DType(s, 'i', 1);
            case "uint64" -> new DType(s, 'u', 8);
            case "uint32" -> new DType(s, 'u', 4);
            case "uint16" -> new DType(s, 'u', 2);
            case "uint8" -> new DType(s, 'u', 1);
            case "bool", "bool_" -> new DType(s, 'b', 1);
            case "object", "object_" -> new DType(s, 'O', 8);
            default -> null;
        };
    }

    /**
     * Applies numpy's pickled dtype state {@code (version, byteorder, subarray, names, fields, elsize,
     * alignment, flags[, metadata])}.
     */
    void setState(Object state) {
        if (!(state instanceof PyTuple t) || t.size() < 8) {
            throw new PickleException("numpy dtype state is not an 8- or 9-tuple: " + PyObjects.describe(state));
        }
        if (t.get(1) instanceof String order) {
            littleEndian = !">".equals(order);
        }
        if (t.get(2) != null) {
            throw new PickleException("numpy sub-array dtypes are not supported");
        }
        if (t.get(3) instanceof PyTuple names && t.get(4) instanceof PyDict fieldMap) {
            Map<String, Field> out = new LinkedHashMap<>();
            for (Object n : names.items()) {
                Object f = fieldMap.get(n);
                if (!(n instanceof String name)
                        || !(f instanceof PyTuple ft)
                        || ft.size() < 2
                        || !(ft.get(0) instanceof DType fd)
                        || !(ft.get(1) instanceof Long off)) {
                    throw new PickleException("numpy structured dtype has a malformed field " + PyObjects.describe(n));
                }
                if (off < 0 || off + fd.itemSize() > Integer.MAX_VALUE) {
                    throw new PickleException("numpy structured dtype field '" + name + "' has offset " + off);
                }
                out.put(name, new Field(name, fd, off.intValue()));
            }
            fields = Collections.unmodifiableMap(out);
        }
        if (t.get(5) instanceof Long elsize && elsize >= 0) {
            if (elsize > (1 << 24)) {
                throw new PickleException("numpy dtype item size " + elsize + " is unreasonable");
            }
            itemSize = elsize.intValue();
        }
        for (Field f : fields.values()) {
            if (f.offset() + f.type().itemSize() > itemSize) {
                throw new PickleException("numpy structured dtype field '" + f.name() + "' lies outside its item");
            }
        }
    }

    /** The numpy kind character. */
    public char kind() {
        return kind;
    }

    public int itemSize() {
        return itemSize;
    }

    public boolean littleEndian() {
        return littleEndian;
    }

    /** Named fields of a structured dtype, in order; empty otherwise. */
    public Map<String, Field> fields() {
        return fields;
    }

    public boolean isObject() {
        return kind == 'O';
    }

    /** A short name such as {@code <f8} or {@code |V56}. */
    public String describe() {
        return (itemSize == 1 || kind == 'O' || kind == 'V' ? "|" : littleEndian ? "<" : ">")
                + kind
                + (kind == 'U' ? itemSize / 4 : itemSize);
    }

    @Override
    public String toString() {
        return "dtype(" + describe() + (fields.isEmpty() ? "" : " " + fields.keySet()) + ")";
    }

    String spec() {
        return spec;
    }
}
