package dev.slipway.protocol.v2;

import dev.slipway.model.DataType;
import dev.slipway.model.Tensor;
import dev.slipway.protocol.ProtocolException;
import java.util.Arrays;

/** Turns the JSON {@code data} of an OIP tensor into a tensor of its declared datatype and shape. */
final class TensorCast {

    private TensorCast() {}

    static Tensor cast(Tensor data, DataType type, long[] shape, String path) {
        long expected = 1;
        for (long d : shape) {
            expected = Math.multiplyExact(expected, d);
        }
        if (expected != data.size()) {
            throw new ProtocolException(path + ": shape " + Arrays.toString(shape) + " needs " + expected
                    + " elements but data has " + data.size());
        }
        int n = data.size();
        if (type == DataType.BYTES || type == DataType.STRING) {
            if (n > 0 && data.type() != DataType.STRING) {
                throw new ProtocolException(
                        path + ": datatype " + type + " needs strings but data holds " + data.type());
            }
            return Tensor.ofStrings(n == 0 ? new String[0] : data.strings(), shape);
        }
        if (n > 0 && data.type() == DataType.STRING) {
            throw new ProtocolException(path + ": datatype " + type + " needs "
                    + (type == DataType.BOOL ? "booleans" : "numbers") + " but data holds strings");
        }
        if (type == DataType.BOOL) {
            if (n > 0 && data.type() != DataType.BOOL) {
                throw new ProtocolException(
                        path + ": datatype BOOL needs true/false values but data holds " + data.type());
            }
            return Tensor.ofBooleans(n == 0 ? new boolean[0] : data.booleans(), shape);
        }
        if (n > 0 && data.type() == DataType.BOOL) {
            throw new ProtocolException(path + ": datatype " + type + " needs numbers but data holds booleans");
        }
        return switch (type.storage()) {
            case DOUBLE -> Tensor.ofDoubles(data.toDoubles(), shape);
            case FLOAT -> Tensor.of(type, data.toFloats(), shape);
            case LONG -> Tensor.of(type, longs(data, type, path), shape);
            case INT -> Tensor.of(type, ints(data, type, path), shape);
            default -> throw new AssertionError(type);
        };
    }

    private static long[] longs(Tensor data, DataType type, String path) {
        long min = type == DataType.INT64 ? Long.MIN_VALUE : 0;
        long max = type == DataType.UINT32 ? 0xffffffffL : Long.MAX_VALUE;
        return integers(data, type, path, min, max);
    }

    /** The data's integers, each checked to lie in [min, max] (a fractional number or one out of range: an error). */
    private static long[] integers(Tensor data, DataType type, String path, long min, long max) {
        if (data.size() == 0) {
            return new long[0];
        }
        if (data.type() != DataType.INT64) {
            throw new ProtocolException(
                    path + ": datatype " + type + " needs integers but data holds fractional numbers");
        }
        long[] v = data.longs();
        for (int i = 0; i < v.length; i++) {
            if (v[i] < min || v[i] > max) {
                throw new ProtocolException(path + ".data[" + i + "]: " + v[i] + " is out of range for " + type);
            }
        }
        return v;
    }

    private static int[] ints(Tensor data, DataType type, String path) {
        long[] v = switch (type) {
            case INT8 -> integers(data, type, path, Byte.MIN_VALUE, Byte.MAX_VALUE);
            case UINT8 -> integers(data, type, path, 0, 255);
            case INT16 -> integers(data, type, path, Short.MIN_VALUE, Short.MAX_VALUE);
            case UINT16 -> integers(data, type, path, 0, 65535);
            default -> integers(data, type, path, Integer.MIN_VALUE, Integer.MAX_VALUE);
        };
        int[] out = new int[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = (int) v[i];
        }
        return out;
    }
}
