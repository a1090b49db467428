package dev.slipway.runtime.python;

import dev.slipway.model.DataType;
import dev.slipway.model.RawTensors;
import dev.slipway.model.Tensor;
import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The values exchanged with a Python worker, as compact little-endian binary (the worker script's
 * {@code _enc}/{@code _dec} are the other half): null, booleans, int64, float64, text, bytes, lists, maps
 * with text keys, and tensors as dtype + shape + raw elements (no JSON, no per-number text).
 */
final class Frames {

    static final int NONE = 0;
    static final int FALSE = 1;
    static final int TRUE = 2;
    static final int INT = 3;
    static final int FLOAT = 4;
    static final int STR = 5;
    static final int BYTES = 6;
    static final int LIST = 7;
    static final int DICT = 8;
    static final int ARRAY = 9;

    /** A frame may not be larger than this (the worker's answers included). */
    static final int MAX_FRAME = 1 << 30;

    private Frames() {}

    /** The frame body of {@code value}. */
    static byte[] encode(Object value) {
        Out out = new Out();
        write(value, out);
        return out.toByteArray();
    }

    /** The value a frame body holds. */
    static Object decode(byte[] body) {
        ByteBuffer in = ByteBuffer.wrap(body).order(ByteOrder.LITTLE_ENDIAN);
        Object v = read(in);
        if (in.hasRemaining()) {
            throw new IllegalStateException(
                    "a frame from the Python worker has " + in.remaining() + " bytes after its value");
        }
        return v;
    }

    private static final class Out extends ByteArrayOutputStream {
        Out() {
            super(256);
        }

        void u32(int v) {
            write(v);
            write(v >>> 8);
            write(v >>> 16);
            write(v >>> 24);
        }

        void u64(long v) {
            for (int i = 0; i < 8; i++) {
                write((int) (v >>> (8 * i)));
            }
        }

        void raw(byte[] b) {
            write(b, 0, b.length);
        }

        /** Appends {@code n} bytes filled by {@code fill} on a little-endian view. */
        ByteBuffer extend(int n) {
            ensure(count + n);
            ByteBuffer view = ByteBuffer.wrap(buf, count, n).order(ByteOrder.LITTLE_ENDIAN);
            count += n;
            return view;
        }

        private void ensure(int capacity) {
            if (capacity > buf.length) {
                buf = java.util.Arrays.copyOf(buf, Math.max(capacity, buf.length * 2));
            }
        }
    }

    @SuppressWarnings("unchecked")
    private static void write(Object v, Out out) {
        if (v == null) {
            out.write(NONE);
        } else if (v instanceof Boolean b) {
            out.write(b ? TRUE : FALSE);
        } else if (v instanceof Integer || v instanceof Long || v instanceof Short || v instanceof Byte) {
            out.write(INT);
            out.u64(((Number) v).longValue());
        } else if (v instanceof BigInteger bi) {
            if (bi.bitLength() < 64) {
                out.write(INT);
                out.u64(bi.longValue());
            } else {
                out.write(FLOAT);
                out.u64(Double.doubleToRawLongBits(bi.doubleValue()));
            }
        } else if (v instanceof BigDecimal bd) {
            out.write(FLOAT);
            out.u64(Double.doubleToRawLongBits(bd.doubleValue()));
        } else if (v instanceof Number n) {
            out.write(FLOAT);
            out.u64(Double.doubleToRawLongBits(n.doubleValue()));
        } else if (v instanceof String s) {
            byte[] b = s.getBytes(StandardCharsets.UTF_8);
            out.write(STR);
            out.u32(b.length);
            out.raw(b);
        } else if (v instanceof byte[] b) {
            out.write(BYTES);
            out.u32(b.length);
            out.raw(b);
        } else if (v instanceof List<?> list) {
            out.write(LIST);
            out.u32(list.size());
            for (Object x : list) {
                write(x, out);
            }
        } else if (v instanceof Map<?, ?> map) {
            out.write(DICT);
            out.u32(map.size());
            for (Map.Entry<?, ?> e : map.entrySet()) {
                write(String.valueOf(e.getKey()), out);
                write(e.getValue(), out);
            }
        } else if (v instanceof Tensor t) {
            writeTensor(t, out);
        } else {
            throw new IllegalArgumentException("cannot send a " + v.getClass().getName() + " to a Python worker");
        }
    }

    private static void writeTensor(Tensor t, Out out) {
        DataType type = t.type();
        int code = Dtypes.codeOf(type);
        out.write(ARRAY);
        out.write(code);
        out.write(t.rank());
        for (long d : t.shape()) {
            out.u64(d);
        }
        int n = t.size();
        switch (type) {
            case FP64 -> out.extend(8 * n).asDoubleBuffer().put(t.doubles());
            case FP32, FP16 -> out.extend(4 * n).asFloatBuffer().put(t.floats());
            case INT64, UINT64 -> out.extend(8 * n).asLongBuffer().put(t.longs());
            case UINT32 -> {
                ByteBuffer b = out.extend(4 * n);
                for (long x : t.longs()) {
                    b.putInt((int) x);
                }
            }
            case INT32 -> out.extend(4 * n).asIntBuffer().put(t.ints());
            case INT16, UINT16 -> {
                ByteBuffer b = out.extend(2 * n);
                for (int x : t.ints()) {
                    b.putShort((short) x);
                }
            }
            case INT8, UINT8 -> {
                ByteBuffer b = out.extend(n);
                for (int x : t.ints()) {
                    b.put((byte) x);
                }
            }
            case BOOL -> {
                ByteBuffer b = out.extend(n);
                for (boolean x : t.booleans()) {
                    b.put((byte) (x ? 1 : 0));
                }
            }
            case STRING -> {
                for (String s : t.strings()) {
                    byte[] b = s.getBytes(StandardCharsets.UTF_8);
                    out.u32(b.length);
                    out.raw(b);
                }
            }
            case BYTES -> {
                for (byte[] b : t.bytes()) {
                    out.u32(b.length);
                    out.raw(b);
                }
            }
            default -> throw new AssertionError(type);
        }
    }

    private static Object read(ByteBuffer in) {
        int tag = in.get() & 0xff;
        switch (tag) {
            case NONE:
                return null;
            case FALSE:
                return Boolean.FALSE;
            case TRUE:
                return Boolean.TRUE;
            case INT:
                return in.getLong();
            case FLOAT:
                return in.getDouble();
            case STR:
                return new String(bytes(in), StandardCharsets.UTF_8);
            case BYTES:
                return bytes(in);
            case LIST: {
                int n = count(in);
                List<Object> list = new ArrayList<>(Math.min(n, 1024));
                for (int i = 0; i < n; i++) {
                    list.add(read(in));
                }
                return list;
            }
            case DICT: {
                int n = count(in);
                Map<String, Object> map = new LinkedHashMap<>();
                for (int i = 0; i < n; i++) {
                    Object k = read(in);
                    map.put(String.valueOf(k), read(in));
                }
                return map;
            }
            case ARRAY:
                return readTensor(in);
            default:
                throw new IllegalStateException("the Python worker sent an unknown value tag " + tag);
        }
    }

    private static int count(ByteBuffer in) {
        int n = in.getInt();
        if (n < 0 || n > in.remaining()) {
            throw new IllegalStateException("the Python worker sent a count of " + Integer.toUnsignedString(n)
                    + " with " + in.remaining() + " bytes left");
        }
        return n;
    }

    private static byte[] bytes(ByteBuffer in) {
        byte[] b = new byte[count(in)];
        in.get(b);
        return b;
    }

    private static Tensor readTensor(ByteBuffer in) {
        int code = in.get() & 0xff;
        int rank = in.get() & 0xff;
        long[] shape = new long[rank];
        long size = 1;
        for (int i = 0; i < rank; i++) {
            shape[i] = in.getLong();
            if (shape[i] < 0) {
                throw new IllegalStateException("the Python worker sent a negative dimension");
            }
            size = Math.multiplyExact(size, shape[i]);
        }
        DataType type = Dtypes.typeOf(code);
        if (size > in.remaining() && type != DataType.STRING && type != DataType.BYTES) {
            throw new IllegalStateException(
                    "the Python worker sent an array of " + size + " elements in " + in.remaining() + " bytes");
        }
        int n = Math.toIntExact(size);
        switch (type) {
            case STRING -> {
                String[] a = new String[n];
                for (int i = 0; i < n; i++) {
                    a[i] = new String(bytes(in), StandardCharsets.UTF_8);
                }
                return Tensor.ofStrings(a, shape);
            }
            case BYTES -> {
                byte[][] a = new byte[n][];
                for (int i = 0; i < n; i++) {
                    a[i] = bytes(in);
                }
                return Tensor.ofBytes(a, shape);
            }
            default -> {
                return Tensor.of(type, RawTensors.read(type, in, n), shape);
            }
        }
    }

    /** The worker's dtype codes. */
    static final class Dtypes {
        private Dtypes() {}

        static int codeOf(DataType type) {
            return switch (type) {
                case FP64 -> 1;
                case FP32, FP16 -> 2;
                case INT64 -> 3;
                case INT32 -> 4;
                case BOOL -> 5;
                case STRING -> 6;
                case BYTES -> 7;
                case INT16 -> 8;
                case INT8 -> 9;
                case UINT8 -> 10;
                case UINT16 -> 11;
                case UINT32 -> 12;
                case UINT64 -> 13;
            };
        }

        static DataType typeOf(int code) {
            return switch (code) {
                case 1 -> DataType.FP64;
                case 2 -> DataType.FP32;
                case 3 -> DataType.INT64;
                case 4 -> DataType.INT32;
                case 5 -> DataType.BOOL;
                case 6 -> DataType.STRING;
                case 7 -> DataType.BYTES;
                case 8 -> DataType.INT16;
                case 9 -> DataType.INT8;
                case 10 -> DataType.UINT8;
                case 11 -> DataType.UINT16;
                case 12 -> DataType.UINT32;
                case 13 -> DataType.UINT64;
                default -> throw new IllegalStateException("the Python worker sent an unknown dtype code " + code);
            };
        }
    }
}
