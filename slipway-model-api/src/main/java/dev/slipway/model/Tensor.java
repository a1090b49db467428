package dev.slipway.model;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;

/**
 * A dense, row-major n-dimensional array with one {@link DataType}. Elements are held in a primitive
 * array (no boxing); see {@link DataType} for which array backs which type.
 *
 * <p>A tensor is immutable by contract: the factories take ownership of the arrays they are given and
 * accessors return the backing array without copying, so neither side may modify it afterwards.
 */
public final class Tensor {

    private final DataType type;
    private final long[] shape;
    private final Object data;
    private final int size;

    private Tensor(DataType type, long[] shape, Object data, int length) {
        this.type = Objects.requireNonNull(type, "type");
        this.shape = shape.clone();
        this.data = data;
        long expected = 1;
        for (long d : this.shape) {
            if (d < 0) {
                throw new IllegalArgumentException("shape " + Arrays.toString(shape) + " has a negative dimension");
            }
            expected = Math.multiplyExact(expected, d);
        }
        if (expected != length) {
            throw new IllegalArgumentException("shape " + Arrays.toString(shape) + " holds " + expected
                    + " elements but " + length + " were given");
        }
        this.size = length;
    }

    /** A float64 tensor. */
    public static Tensor ofDoubles(double[] values, long... shape) {
        return new Tensor(DataType.FP64, shape, values, values.length);
    }

    /** A float32 tensor. */
    public static Tensor ofFloats(float[] values, long... shape) {
        return new Tensor(DataType.FP32, shape, values, values.length);
    }

    /** An int64 tensor. */
    public static Tensor ofLongs(long[] values, long... shape) {
        return new Tensor(DataType.INT64, shape, values, values.length);
    }

    /** An int32 tensor. */
    public static Tensor ofInts(int[] values, long... shape) {
        return new Tensor(DataType.INT32, shape, values, values.length);
    }

    /** A boolean tensor. */
    public static Tensor ofBooleans(boolean[] values, long... shape) {
        return new Tensor(DataType.BOOL, shape, values, values.length);
    }

    /** A tensor of text elements. */
    public static Tensor ofStrings(String[] values, long... shape) {
        for (int i = 0; i < values.length; i++) {
            Objects.requireNonNull(values[i], "values[" + i + "]");
        }
        return new Tensor(DataType.STRING, shape, values, values.length);
    }

    /** A tensor of raw byte strings. */
    public static Tensor ofBytes(byte[][] values, long... shape) {
        for (int i = 0; i < values.length; i++) {
            Objects.requireNonNull(values[i], "values[" + i + "]");
        }
        return new Tensor(DataType.BYTES, shape, values, values.length);
    }

    /**
     * A tensor of any type over its storage array ({@code int[]} for INT8, {@code float[]} for FP16, …).
     *
     * @throws IllegalArgumentException when the array is not the storage of {@code type}
     */
    public static Tensor of(DataType type, Object storage, long... shape) {
        Objects.requireNonNull(storage, "storage");
        int length;
        switch (type.storage()) {
            case BOOL -> length = cast(storage, boolean[].class, type).length;
            case INT -> length = cast(storage, int[].class, type).length;
            case LONG -> length = cast(storage, long[].class, type).length;
            case FLOAT -> length = cast(storage, float[].class, type).length;
            case DOUBLE -> length = cast(storage, double[].class, type).length;
            case BYTES -> length = cast(storage, byte[][].class, type).length;
            case STRING -> length = cast(storage, String[].class, type).length;
            default -> throw new AssertionError(type);
        }
        return new Tensor(type, shape, storage, length);
    }

    private static <T> T cast(Object storage, Class<T> expected, DataType type) {
        if (!expected.isInstance(storage)) {
            throw new IllegalArgumentException(type + " is stored in " + expected.getSimpleName() + ", not "
                    + storage.getClass().getSimpleName());
        }
        return expected.cast(storage);
    }

    /** The element type. */
    public DataType type() {
        return type;
    }

    /** A copy of the shape. */
    public long[] shape() {
        return shape.clone();
    }

    /** The number of dimensions. */
    public int rank() {
        return shape.length;
    }

    /** The size of dimension {@code i}. */
    public long dim(int i) {
        return shape[i];
    }

    /** The number of elements. */
    public int size() {
        return size;
    }

    /** The backing array (see {@link DataType} for its class). */
    public Object storage() {
        return data;
    }

    /** The backing {@code double[]} of an FP64 tensor. */
    public double[] doubles() {
        return cast(data, double[].class, type);
    }

    /** The backing {@code float[]} of an FP32/FP16 tensor. */
    public float[] floats() {
        return cast(data, float[].class, type);
    }

    /** The backing {@code long[]} of an INT64/UINT32/UINT64 tensor. */
    public long[] longs() {
        return cast(data, long[].class, type);
    }

    /** The backing {@code int[]} of an INT32 (and narrower) tensor. */
    public int[] ints() {
        return cast(data, int[].class, type);
    }

    /** The backing {@code boolean[]} of a BOOL tensor. */
    public boolean[] booleans() {
        return cast(data, boolean[].class, type);
    }

    /** The backing {@code String[]} of a STRING tensor. */
    public String[] strings() {
        return cast(data, String[].class, type);
    }

    /** The backing {@code byte[][]} of a BYTES tensor. */
    public byte[][] bytes() {
        return cast(data, byte[][].class, type);
    }

    /** Element {@code i} (row-major) as a double; booleans are 0/1. */
    public double getDouble(int i) {
        return switch (type.storage()) {
            case DOUBLE -> ((double[]) data)[i];
            case FLOAT -> ((float[]) data)[i];
            case LONG -> type == DataType.UINT64 ? unsignedToDouble(((long[]) data)[i]) : ((long[]) data)[i];
            case INT -> ((int[]) data)[i];
            case BOOL -> ((boolean[]) data)[i] ? 1.0 : 0.0;
            case STRING, BYTES ->
                throw new ModelException.InvalidInput("expected numbers but the input holds " + describeType()
                        + " (element " + i + ": " + elementText(i) + ")");
        };
    }

    private static double unsignedToDouble(long v) {
        double d = (double) (v >>> 1) * 2.0;
        return d + (v & 1);
    }

    /** Element {@code i} as text: strings as they are, bytes decoded as UTF-8, numbers in Java's form. */
    public String elementText(int i) {
        return switch (type.storage()) {
            case STRING -> ((String[]) data)[i];
            case BYTES -> new String(((byte[][]) data)[i], StandardCharsets.UTF_8);
            case BOOL -> Boolean.toString(((boolean[]) data)[i]);
            case DOUBLE -> Double.toString(((double[]) data)[i]);
            case FLOAT -> Float.toString(((float[]) data)[i]);
            case LONG ->
                type == DataType.UINT64 ? Long.toUnsignedString(((long[]) data)[i]) : Long.toString(((long[]) data)[i]);
            case INT -> Integer.toString(((int[]) data)[i]);
        };
    }

    /**
     * All elements as float64: the backing array itself for FP64, otherwise a converted copy.
     *
     * @throws ModelException.InvalidInput when the tensor holds text or bytes
     */
    public double[] toDoubles() {
        if (type == DataType.FP64) {
            return (double[]) data;
        }
        double[] out = new double[size];
        for (int i = 0; i < size; i++) {
            out[i] = getDouble(i);
        }
        return out;
    }

    /** All elements as float32 (the backing array for FP32/FP16, otherwise a converted copy). */
    public float[] toFloats() {
        if (type.storage() == DataType.Storage.FLOAT) {
            return (float[]) data;
        }
        float[] out = new float[size];
        for (int i = 0; i < size; i++) {
            out[i] = (float) getDouble(i);
        }
        return out;
    }

    /** All elements as text (see {@link #elementText(int)}). */
    public String[] toStrings() {
        if (type == DataType.STRING) {
            return (String[]) data;
        }
        String[] out = new String[size];
        for (int i = 0; i < size; i++) {
            out[i] = elementText(i);
        }
        return out;
    }

    /** The same elements under another shape with the same element count. */
    public Tensor reshape(long... newShape) {
        return new Tensor(type, newShape, data, size);
    }

    /** A short description such as {@code FP64[2, 4]}. */
    public String describeType() {
        return type + Arrays.toString(shape);
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof Tensor t)) {
            return false;
        }
        if (t.type != type || !Arrays.equals(t.shape, shape)) {
            return false;
        }
        return switch (type.storage()) {
            case BOOL -> Arrays.equals((boolean[]) data, (boolean[]) t.data);
            case INT -> Arrays.equals((int[]) data, (int[]) t.data);
            case LONG -> Arrays.equals((long[]) data, (long[]) t.data);
            case FLOAT -> Arrays.equals((float[]) data, (float[]) t.data);
            case DOUBLE -> Arrays.equals((double[]) data, (double[]) t.data);
            case BYTES -> Arrays.deepEquals((byte[][]) data, (byte[][]) t.data);
            case STRING -> Arrays.equals((String[]) data, (String[]) t.data);
        };
    }

    @Override
    public int hashCode() {
        return Objects.hash(type, Arrays.hashCode(shape), size);
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(describeType()).append('{');
        int n = Math.min(size, 8);
        for (int i = 0; i < n; i++) {
            sb.append(i == 0 ? "" : ", ").append(elementText(i));
        }
        return sb.append(size > n ? ", …}" : "}").toString();
    }
}
