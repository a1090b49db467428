package dev.slipway.protocol.v1;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.slipway.model.DataType;
import dev.slipway.model.RawTensors;
import dev.slipway.model.Tensor;
import dev.slipway.protocol.ProtocolException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * Seldon's {@code data.tftensor}: TensorFlow's {@code TensorProto} in the proto3 JSON mapping (camelCase or
 * snake_case field names; {@code tensorContent} as little-endian base64 or the typed {@code *Val} lists;
 * int64 values and dimension sizes as numbers or strings).
 */
final class TfTensorCodec {

    private TfTensorCodec() {}

    private record TfType(String name, int number, DataType type, int bytes) {}

    private static final List<TfType> TYPES = List.of(
            new TfType("DT_FLOAT", 1, DataType.FP32, 4),
            new TfType("DT_DOUBLE", 2, DataType.FP64, 8),
            new TfType("DT_INT32", 3, DataType.INT32, 4),
            new TfType("DT_UINT8", 4, DataType.UINT8, 1),
            new TfType("DT_INT16", 5, DataType.INT16, 2),
            new TfType("DT_INT8", 6, DataType.INT8, 1),
            new TfType("DT_STRING", 7, DataType.BYTES, 0),
            new TfType("DT_INT64", 9, DataType.INT64, 8),
            new TfType("DT_BOOL", 10, DataType.BOOL, 1),
            new TfType("DT_UINT16", 17, DataType.UINT16, 2),
            new TfType("DT_HALF", 19, DataType.FP16, 2),
            new TfType("DT_UINT32", 22, DataType.UINT32, 4),
            new TfType("DT_UINT64", 23, DataType.UINT64, 8));

    private static TfType type(Object dtype, String path) {
        for (TfType t : TYPES) {
            if (t.name.equals(dtype) || (dtype instanceof Number n && n.intValue() == t.number)) {
                return t;
            }
        }
        throw new ProtocolException(path + ".dtype: unsupported TensorFlow dtype " + dtype);
    }

    private static Object field(Map<String, Object> m, String camel, String snake) {
        Object v = m.get(camel);
        return v != null ? v : m.get(snake);
    }

    /** Decodes a tftensor given as plain JSON values. */
    static Tensor decode(Object json, String path) {
        if (!(json instanceof Map<?, ?> raw)) {
            throw new ProtocolException(path + ": expected an object (TensorProto)");
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> m = (Map<String, Object>) raw;
        Object dtypeValue = m.get("dtype");
        if (dtypeValue == null) {
            throw new ProtocolException(path + ".dtype: missing");
        }
        TfType tf = type(dtypeValue, path);
        long[] shape = shape(field(m, "tensorShape", "tensor_shape"), path + ".tensorShape");
        long count = 1;
        for (long d : shape) {
            count = Math.multiplyExact(count, d);
        }
        if (count > Integer.MAX_VALUE) {
            throw new ProtocolException(path + ".tensorShape: too many elements (" + count + ")");
        }
        int n = (int) count;
        Object content = field(m, "tensorContent", "tensor_content");
        if (content != null && tf.bytes > 0) {
            return fromContent(tf, shape, n, base64(content, path + ".tensorContent"), path);
        }
        return fromValues(tf, shape, n, m, path);
    }

    private static long[] shape(Object shapeJson, String path) {
        if (shapeJson == null) {
            return new long[0];
        }
        if (!(shapeJson instanceof Map<?, ?> sm)) {
            throw new ProtocolException(path + ": expected an object with dim");
        }
        Object dims = sm.get("dim");
        if (dims == null) {
            return new long[0];
        }
        if (!(dims instanceof List<?> dl)) {
            throw new ProtocolException(path + ".dim: expected an array");
        }
        long[] shape = new long[dl.size()];
        for (int i = 0; i < shape.length; i++) {
            Object size = dl.get(i) instanceof Map<?, ?> dm ? dm.get("size") : null;
            shape[i] = size == null ? 0 : toLong(size, path + ".dim[" + i + "].size");
            if (shape[i] < 0) {
                throw new ProtocolException(path + ".dim[" + i + "].size: must not be negative");
            }
        }
        return shape;
    }

    private static long toLong(Object v, String path) {
        try {
            if (v instanceof Number num) {
                return num.longValue();
            }
            return Long.parseLong(String.valueOf(v));
        } catch (NumberFormatException e) {
            throw new ProtocolException(path + ": expected an integer but found '" + v + "'");
        }
    }

    private static byte[] base64(Object v, String path) {
        try {
            return Base64.getDecoder().decode(String.valueOf(v));
        } catch (IllegalArgumentException e) {
            throw new ProtocolException(path + ": not valid base64");
        }
    }

    private static Tensor fromContent(TfType tf, long[] shape, int n, byte[] bytes, String path) {
        if ((long) n * tf.bytes != bytes.length) {
            throw new ProtocolException(
                    path + ".tensorContent: holds " + bytes.length + " bytes but shape needs " + ((long) n * tf.bytes));
        }
        if (tf.bytes == 0) {
            throw new ProtocolException(path + ": tensorContent is not supported for " + tf.name);
        }
        Object storage = RawTensors.read(tf.type, ByteBuffer.wrap(bytes), n);
        return Tensor.of(tf.type, storage, shape);
    }

    private static Tensor fromValues(TfType tf, long[] shape, int n, Map<String, Object> m, String path) {
        String key = switch (tf.type) {
            case FP32 -> "floatVal";
            case FP64 -> "doubleVal";
            case INT64 -> "int64Val";
            case UINT32 -> "uint32Val";
            case UINT64 -> "uint64Val";
            case BOOL -> "boolVal";
            case BYTES -> "stringVal";
            case FP16 -> "halfVal";
            default -> "intVal";
        };
        String snake = key.replace("Val", "_val");
        Object raw = field(m, key, snake);
        List<?> values = raw == null ? List.of() : raw instanceof List<?> l ? l : null;
        if (values == null) {
            throw new ProtocolException(path + "." + key + ": expected an array");
        }
        if (values.size() != n && values.size() > 1) {
            throw new ProtocolException(path + "." + key + ": holds " + values.size() + " values but shape needs " + n);
        }
        String vp = path + "." + key;
        Object storage = switch (tf.type.storage()) {
            case FLOAT -> {
                float[] a = new float[n];
                for (int i = 0; i < n; i++) {
                    Object v = pick(values, i);
                    a[i] = tf.type == DataType.FP16
                            ? RawTensors.halfToFloat((short) toLong(v, vp))
                            : (float) toDouble(v, vp);
                }
                yield a;
            }
            case DOUBLE -> {
                double[] a = new double[n];
                for (int i = 0; i < n; i++) {
                    a[i] = toDouble(pick(values, i), vp);
                }
                yield a;
            }
            case INT -> {
                int[] a = new int[n];
                for (int i = 0; i < n; i++) {
                    a[i] = (int) toLong(pick(values, i), vp);
                }
                yield a;
            }
            case LONG -> {
                long[] a = new long[n];
                for (int i = 0; i < n; i++) {
                    a[i] = toLong(pick(values, i), vp);
                }
                yield a;
            }
            case BOOL -> {
                boolean[] a = new boolean[n];
                for (int i = 0; i < n; i++) {
                    a[i] = Boolean.TRUE.equals(pick(values, i));
                }
                yield a;
            }
            case BYTES -> {
                byte[][] a = new byte[n][];
                for (int i = 0; i < n; i++) {
                    Object v = pick(values, i);
                    a[i] = v == null ? new byte[0] : base64(v, vp + "[" + i + "]");
                }
                yield a;
            }
            default -> throw new AssertionError(tf.type);
        };
        return Tensor.of(tf.type, storage, shape);
    }

    private static Object pick(List<?> values, int i) {
        if (values.isEmpty()) {
            return null;
        }
        return values.size() == 1 ? values.get(0) : values.get(i);
    }

    private static double toDouble(Object v, String path) {
        if (v == null) {
            return 0;
        }
        if (v instanceof Number num) {
            return num.doubleValue();
        }
        String s = String.valueOf(v);
        return switch (s) {
            case "NaN" -> Double.NaN;
            case "Infinity" -> Double.POSITIVE_INFINITY;
            case "-Infinity" -> Double.NEGATIVE_INFINITY;
            default -> throw new ProtocolException(path + ": expected a number but found '" + s + "'");
        };
    }

    /** Encodes a tensor as a TensorProto (numbers in {@code tensorContent}, text in {@code stringVal}). */
    static void encode(JsonGenerator g, Tensor t) throws IOException {
        DataType dt = t.type() == DataType.STRING ? DataType.BYTES : t.type();
        TfType tf = TYPES.stream().filter(x -> x.type == dt).findFirst().orElseThrow();
        g.writeStartObject();
        g.writeStringField("dtype", tf.name);
        g.writeObjectFieldStart("tensorShape");
        g.writeArrayFieldStart("dim");
        for (long d : t.shape()) {
            g.writeStartObject();
            g.writeStringField("size", Long.toString(d));
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeEndObject();
        if (tf.bytes == 0) {
            g.writeArrayFieldStart("stringVal");
            for (int i = 0; i < t.size(); i++) {
                byte[] b = t.type() == DataType.STRING ? t.strings()[i].getBytes(StandardCharsets.UTF_8) : t.bytes()[i];
                g.writeString(Base64.getEncoder().encodeToString(b));
            }
            g.writeEndArray();
        } else {
            ByteBuffer b = ByteBuffer.allocate(t.size() * tf.bytes).order(ByteOrder.LITTLE_ENDIAN);
            for (int i = 0; i < t.size(); i++) {
                switch (tf.type) {
                    case FP32 -> b.putFloat(t.floats()[i]);
                    case FP16 -> b.putShort(Half.fromFloat(t.floats()[i]));
                    case FP64 -> b.putDouble(t.doubles()[i]);
                    case INT64, UINT64 -> b.putLong(t.longs()[i]);
                    case UINT32 -> b.putInt((int) t.longs()[i]);
                    case INT32 -> b.putInt(t.ints()[i]);
                    case INT16, UINT16 -> b.putShort((short) t.ints()[i]);
                    case INT8, UINT8 -> b.put((byte) t.ints()[i]);
                    case BOOL -> b.put((byte) (t.booleans()[i] ? 1 : 0));
                    default -> throw new AssertionError(tf.type);
                }
            }
            g.writeStringField("tensorContent", Base64.getEncoder().encodeToString(b.array()));
        }
        g.writeEndObject();
    }

    /** Float to IEEE 754 half precision (Java 17 has no conversion built in; the other way: {@link RawTensors}). */
    static final class Half {
        private Half() {}

        static short fromFloat(float f) {
            int bits = Float.floatToIntBits(f);
            int sign = (bits >>> 16) & 0x8000;
            int exp = ((bits >>> 23) & 0xff) - 127 + 15;
            int mant = bits & 0x7fffff;
            if (((bits >>> 23) & 0xff) == 0xff) {
                return (short) (sign | 0x7c00 | (mant != 0 ? 0x200 : 0));
            }
            if (exp >= 0x1f) {
                return (short) (sign | 0x7c00);
            }
            if (exp <= 0) {
                if (exp < -10) {
                    return (short) sign;
                }
                mant |= 0x800000;
                int shift = 14 - exp;
                int half = mant >> shift;
                if (((mant >> (shift - 1)) & 1) != 0) {
                    half++;
                }
                return (short) (sign | half);
            }
            int half = sign | (exp << 10) | (mant >> 13);
            if ((mant & 0x1000) != 0) {
                half++;
            }
            return (short) half;
        }
    }
}
