package dev.slipway.runtime.sklearn.pickle;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/**
 * A numpy array read from a pickle: its dtype, shape and elements in C (row-major) order, either as raw
 * bytes (numeric, string and structured dtypes) or as objects (object dtype). Immutable once built.
 */
public final class NdArray {

    private DType dtype;
    private long[] shape;
    private byte[] raw;
    private Object[] objects;

    NdArray() {
        this.dtype = DType.parse("f8");
        this.shape = new long[] {0};
        this.raw = new byte[0];
    }

    private NdArray(DType dtype, long[] shape, byte[] raw, Object[] objects) {
        this.dtype = dtype;
        this.shape = shape;
        this.raw = raw;
        this.objects = objects;
    }

    /** An array over raw element bytes; Fortran-ordered bytes are reordered to C order. */
    static NdArray ofBytes(DType dtype, long[] shape, boolean fortran, byte[] bytes) {
        long count = count(shape);
        if (dtype.isObject()) {
            throw new PickleException("an object array cannot be built from raw bytes");
        }
        if (count * dtype.itemSize() != bytes.length) {
            throw new PickleException("numpy array " + Arrays.toString(shape) + " of " + dtype.describe() + " needs "
                    + count * dtype.itemSize() + " bytes but " + bytes.length + " were given");
        }
        byte[] c = fortran && shape.length > 1 ? toCOrder(bytes, shape, dtype.itemSize()) : bytes;
        return new NdArray(dtype, shape.clone(), c, null);
    }

    /** An object array (elements in the given order, C or Fortran). */
    static NdArray ofObjects(DType dtype, long[] shape, boolean fortran, List<?> items) {
        long count = count(shape);
        if (count != items.size()) {
            throw new PickleException("object array " + Arrays.toString(shape) + " needs " + count + " items but "
                    + items.size() + " were given");
        }
        Object[] objs = items.toArray();
        if (fortran && shape.length > 1) {
            Object[] c = new Object[objs.length];
            int[] strides = fortranIndexMap(shape);
            for (int i = 0; i < c.length; i++) {
                c[i] = objs[strides[i]];
            }
            objs = c;
        }
        return new NdArray(dtype, shape.clone(), null, objs);
    }

    static long count(long[] shape) {
        long n = 1;
        for (long d : shape) {
            if (d < 0) {
                throw new PickleException("numpy array shape " + Arrays.toString(shape) + " has a negative dimension");
            }
            n = Math.multiplyExact(n, d);
        }
        return n;
    }

    private static int[] fortranIndexMap(long[] shape) {
        int n = (int) count(shape);
        int[] map = new int[n];
        int nd = shape.length;
        long[] idx = new long[nd];
        for (int c = 0; c < n; c++) {
            long f = 0;
            long stride = 1;
            for (int d = 0; d < nd; d++) {
                f += idx[d] * stride;
                stride *= shape[d];
            }
            map[c] = (int) f;
            for (int d = nd - 1; d >= 0; d--) {
                if (++idx[d] < shape[d]) {
                    break;
                }
                idx[d] = 0;
            }
        }
        return map;
    }

    private static byte[] toCOrder(byte[] bytes, long[] shape, int itemSize) {
        int[] map = fortranIndexMap(shape);
        byte[] out = new byte[bytes.length];
        for (int c = 0; c < map.length; c++) {
            System.arraycopy(bytes, map[c] * itemSize, out, c * itemSize, itemSize);
        }
        return out;
    }

    void setState(Object state) {
        if (!(state instanceof PyTuple t) || (t.size() != 4 && t.size() != 5)) {
            throw new PickleException("numpy array state is not a 4- or 5-tuple: " + PyObjects.describe(state));
        }
        int o = t.size() == 5 ? 1 : 0;
        long[] newShape = PyObjects.shape(t.get(o));
        if (!(t.get(o + 1) instanceof DType dt)) {
            throw new PickleException("numpy array state has no dtype: " + PyObjects.describe(t.get(o + 1)));
        }
        boolean fortran = Boolean.TRUE.equals(t.get(o + 2)) || Long.valueOf(1).equals(t.get(o + 2));
        Object data = t.get(o + 3);
        NdArray built;
        if (dt.isObject()) {
            if (!(data instanceof List<?> list)) {
                throw new PickleException("object array state holds no list of items");
            }
            built = ofObjects(dt, newShape, fortran, list);
        } else {
            built = ofBytes(dt, newShape, fortran, PyObjects.bytes(data, "numpy array data"));
        }
        dtype = built.dtype;
        shape = built.shape;
        raw = built.raw;
        objects = built.objects;
    }

    /** The items of an object array (not copied; null for other dtypes), for graph walks inside this package. */
    Object[] objectItems() {
        return objects;
    }

    public DType dtype() {
        return dtype;
    }

    public long[] shape() {
        return shape.clone();
    }

    public int ndim() {
        return shape.length;
    }

    /** Size of dimension {@code i}. */
    public int dim(int i) {
        return (int) shape[i];
    }

    public int size() {
        return (int) count(shape);
    }

    private ByteBuffer buffer() {
        return ByteBuffer.wrap(raw).order(dtype.littleEndian() ? ByteOrder.LITTLE_ENDIAN : ByteOrder.BIG_ENDIAN);
    }

    /**
     * All elements as doubles (C order) from any float, int, uint or bool dtype, or from an object array of
     * numbers.
     *
     * @throws PickleException for other dtypes
     */
    public double[] toDoubles() {
        int n = size();
        double[] out = new double[n];
        if (objects != null) {
            for (int i = 0; i < n; i++) {
                out[i] = PyObjects.toDouble(objects[i], "array element");
            }
            return out;
        }
        ByteBuffer b = buffer();
        int s = dtype.itemSize();
        for (int i = 0; i < n; i++) {
            out[i] = readNumber(b, i * s);
        }
        return out;
    }

    private double readNumber(ByteBuffer b, int at) {
        int s = dtype.itemSize();
        return switch (dtype.kind()) {
            case 'f' -> s == 8 ? b.getDouble(at) : s == 4 ? b.getFloat(at) : halfToFloat(b.getShort(at));
            case 'i' -> s == 8 ? b.getLong(at) : s == 4 ? b.getInt(at) : s == 2 ? b.getShort(at) : b.get(at);
            case 'u' ->
                s == 8
                        ? unsigned(b.getLong(at))
                        : s == 4 ? b.getInt(at) & 0xFFFFFFFFL : s == 2 ? b.getShort(at) & 0xFFFF : b.get(at) & 0xFF;
            case 'b' -> b.get(at) != 0 ? 1.0 : 0.0;
            default -> throw new PickleException("numpy array of " + dtype.describe() + " does not hold numbers");
        };
    }

    private static double unsigned(long v) {
        return v >= 0 ? v : (double) (v >>> 1) * 2.0 + (v & 1);
    }

    private static float halfToFloat(short h) {
        int bits = h & 0xFFFF;
        int sign = (bits >>> 15) == 0 ? 1 : -1;
        int exp = (bits >>> 10) & 0x1F;
        int mant = bits & 0x3FF;
        if (exp == 0) {
            return sign * mant * 0x1p-24f;
        }
        if (exp == 31) {
            return mant == 0 ? sign * Float.POSITIVE_INFINITY : Float.NaN;
        }
        return sign * (1 + mant / 1024f) * (float) Math.pow(2, exp - 15);
    }

    /**
     * All elements as longs (C order) from an integer or bool dtype.
     *
     * @throws PickleException for other dtypes
     */
    public long[] toLongs() {
        int n = size();
        long[] out = new long[n];
        if (objects != null) {
            for (int i = 0; i < n; i++) {
                out[i] = PyObjects.toLong(objects[i], "array element");
            }
            return out;
        }
        ByteBuffer b = buffer();
        int s = dtype.itemSize();
        char k = dtype.kind();
        if (k != 'i' && k != 'u' && k != 'b') {
            throw new PickleException("numpy array of " + dtype.describe() + " does not hold integers");
        }
        for (int i = 0; i < n; i++) {
            int at = i * s;
            out[i] = switch (s) {
                case 8 -> b.getLong(at);
                case 4 -> k == 'u' ? b.getInt(at) & 0xFFFFFFFFL : b.getInt(at);
                case 2 -> k == 'u' ? b.getShort(at) & 0xFFFF : b.getShort(at);
                default -> k == 'u' || k == 'b' ? b.get(at) & 0xFF : b.get(at);
            };
        }
        return out;
    }

    /** All elements as ints (C order); see {@link #toLongs()}. */
    public int[] toInts() {
        long[] l = toLongs();
        int[] out = new int[l.length];
        for (int i = 0; i < l.length; i++) {
            if (l[i] < Integer.MIN_VALUE || l[i] > Integer.MAX_VALUE) {
                throw new PickleException("array element " + l[i] + " does not fit an int");
            }
            out[i] = (int) l[i];
        }
        return out;
    }

    /**
     * The elements as Java objects: the items of an object array, Strings for U/S dtypes, Double, Long or
     * Boolean for numbers.
     */
    public Object[] toObjects() {
        if (objects != null) {
            return objects.clone();
        }
        int n = size();
        Object[] out = new Object[n];
        char k = dtype.kind();
        if (k == 'U' || k == 'S') {
            for (int i = 0; i < n; i++) {
                out[i] = stringAt(i);
            }
            return out;
        }
        if (k == 'b') {
            for (int i = 0; i < n; i++) {
                out[i] = raw[i] != 0;
            }
            return out;
        }
        if (k == 'f') {
            double[] d = toDoubles();
            for (int i = 0; i < n; i++) {
                out[i] = d[i];
            }
            return out;
        }
        long[] l = toLongs();
        for (int i = 0; i < n; i++) {
            out[i] = l[i];
        }
        return out;
    }

    private String stringAt(int i) {
        int s = dtype.itemSize();
        int at = i * s;
        if (dtype.kind() == 'S') {
            int end = at + s;
            while (end > at && raw[end - 1] == 0) {
                end--;
            }
            return new String(raw, at, end - at, StandardCharsets.ISO_8859_1);
        }
        ByteBuffer b = buffer();
        StringBuilder sb = new StringBuilder();
        for (int j = 0; j < s / 4; j++) {
            int cp = b.getInt(at + 4 * j);
            if (cp == 0) {
                break;
            }
            if (!Character.isValidCodePoint(cp)) {
                throw new PickleException("numpy unicode array holds an invalid code point " + cp);
            }
            sb.appendCodePoint(cp);
        }
        return sb.toString();
    }

    /**
     * The named field of a structured array, as an array of that field's dtype and the same shape.
     *
     * @throws PickleException naming the field and the fields present when it is absent
     */
    public NdArray field(String name) {
        DType.Field f = dtype.fields().get(name);
        if (f == null) {
            throw new PickleException("structured array has no field '" + name + "' (fields: "
                    + dtype.fields().keySet() + ")");
        }
        int n = size();
        int s = f.type().itemSize();
        int stride = dtype.itemSize();
        byte[] out = new byte[n * s];
        for (int i = 0; i < n; i++) {
            System.arraycopy(raw, i * stride + f.offset(), out, i * s, s);
        }
        return new NdArray(f.type(), shape.clone(), out, null);
    }

    /** True when this structured array has the named field. */
    public boolean hasField(String name) {
        return dtype.fields().containsKey(name);
    }

    @Override
    public String toString() {
        return "ndarray(" + dtype.describe() + Arrays.toString(shape) + ")";
    }
}
