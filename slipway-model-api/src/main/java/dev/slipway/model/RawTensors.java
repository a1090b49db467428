package dev.slipway.model;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Tensor elements as raw little-endian bytes (numpy's layout of a C-order array): how Seldon's
 * {@code tftensor.tensorContent} and the Python worker's frames carry them.
 */
public final class RawTensors {

    private RawTensors() {}

    /**
     * {@code n} elements of {@code type} from {@code in}'s position on (which moves past them; read little-endian
     * whatever the buffer's order), as the storage a {@link Tensor} of that type holds ({@link DataType.Storage}):
     * FP16 widened to float, UINT32 to long.
     *
     * @throws IllegalArgumentException for STRING and BYTES, which have no fixed width
     * @throws java.nio.BufferUnderflowException when fewer than {@code n} elements remain
     */
    public static Object read(DataType type, ByteBuffer in, int n) {
        final ByteBuffer b = in.order(ByteOrder.LITTLE_ENDIAN);
        switch (type.storage()) {
            case DOUBLE -> {
                double[] v = new double[n];
                b.asDoubleBuffer().get(v);
                b.position(b.position() + Double.BYTES * n);
                return v;
            }
            case FLOAT -> {
                float[] v = new float[n];
                for (int i = 0; i < n; i++) {
                    v[i] = type == DataType.FP16 ? halfToFloat(b.getShort()) : b.getFloat();
                }
                return v;
            }
            case LONG -> {
                long[] v = new long[n];
                for (int i = 0; i < n; i++) {
                    v[i] = type == DataType.UINT32 ? Integer.toUnsignedLong(b.getInt()) : b.getLong();
                }
                return v;
            }
            case INT -> {
                int[] v = new int[n];
                for (int i = 0; i < n; i++) {
                    v[i] = switch (type) {
                        case INT8 -> b.get();
                        case UINT8 -> Byte.toUnsignedInt(b.get());
                        case INT16 -> b.getShort();
                        case UINT16 -> Short.toUnsignedInt(b.getShort());
                        default -> b.getInt();
                    };
                }
                return v;
            }
            case BOOL -> {
                boolean[] v = new boolean[n];
                for (int i = 0; i < n; i++) {
                    v[i] = b.get() != 0;
                }
                return v;
            }
            default -> throw new IllegalArgumentException(type + " elements have no fixed width");
        }
    }

    /** An IEEE 754 half-precision value as a float (exact: every half is a float; NaN payloads kept). */
    public static float halfToFloat(short h) {
        int bits = h & 0xffff;
        int sign = (bits & 0x8000) << 16;
        int exp = (bits >>> 10) & 0x1f;
        int mant = bits & 0x3ff;
        if (exp == 0x1f) {
            return Float.intBitsToFloat(sign | 0x7f800000 | (mant << 13));
        }
        if (exp == 0) {
            if (mant == 0) {
                return Float.intBitsToFloat(sign);
            }
            float f = mant / 1024f * (float) Math.pow(2, -14);
            return sign != 0 ? -f : f;
        }
        return Float.intBitsToFloat(sign | ((exp + 112) << 23) | (mant << 13));
    }
}
