package dev.slipway.protocol.json;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.slipway.model.Tensor;
import java.io.IOException;
import java.util.Base64;

/** Writes a {@link Tensor} as a nested JSON array by its shape, or as one flat array. */
public final class ArrayWriter {

    private ArrayWriter() {}

    /** The tensor as nested arrays (rank 0: the single value). */
    public static void writeNested(JsonGenerator g, Tensor t) throws IOException {
        long[] shape = t.shape();
        if (shape.length == 0) {
            writeElement(g, t, 0);
            return;
        }
        writeLevel(g, t, shape, 0, 0);
    }

    private static int writeLevel(JsonGenerator g, Tensor t, long[] shape, int depth, int offset) throws IOException {
        g.writeStartArray();
        int n = (int) shape[depth];
        if (depth == shape.length - 1) {
            writeRange(g, t, offset, n);
            offset += n;
        } else {
            for (int i = 0; i < n; i++) {
                offset = writeLevel(g, t, shape, depth + 1, offset);
            }
        }
        g.writeEndArray();
        return offset;
    }

    /** All elements as one flat array (row-major). */
    public static void writeFlat(JsonGenerator g, Tensor t) throws IOException {
        g.writeStartArray();
        writeRange(g, t, 0, t.size());
        g.writeEndArray();
    }

    /** All elements as one flat array of doubles (Seldon's {@code tensor.values}). */
    public static void writeFlatDoubles(JsonGenerator g, Tensor t) throws IOException {
        g.writeStartArray();
        for (int i = 0; i < t.size(); i++) {
            Json.writeDouble(g, t.getDouble(i));
        }
        g.writeEndArray();
    }

    private static void writeRange(JsonGenerator g, Tensor t, int from, int n) throws IOException {
        switch (t.type().storage()) {
            case DOUBLE -> {
                double[] a = t.doubles();
                for (int i = from; i < from + n; i++) {
                    Json.writeDouble(g, a[i]);
                }
            }
            case LONG -> {
                long[] a = t.longs();
                if (t.type() == dev.slipway.model.DataType.UINT64) {
                    for (int i = from; i < from + n; i++) {
                        g.writeNumber(new java.math.BigInteger(Long.toUnsignedString(a[i])));
                    }
                } else {
                    for (int i = from; i < from + n; i++) {
                        g.writeNumber(a[i]);
                    }
                }
            }
            default -> {
                for (int i = from; i < from + n; i++) {
                    writeElement(g, t, i);
                }
            }
        }
    }

    private static void writeElement(JsonGenerator g, Tensor t, int i) throws IOException {
        switch (t.type().storage()) {
            case DOUBLE -> Json.writeDouble(g, t.doubles()[i]);
            case FLOAT -> {
                float f = t.floats()[i];
                if (Float.isFinite(f)) {
                    g.writeNumber(f);
                } else {
                    g.writeNull();
                }
            }
            case LONG -> {
                if (t.type() == dev.slipway.model.DataType.UINT64) {
                    g.writeNumber(new java.math.BigInteger(Long.toUnsignedString(t.longs()[i])));
                } else {
                    g.writeNumber(t.longs()[i]);
                }
            }
            case INT -> g.writeNumber(t.ints()[i]);
            case BOOL -> g.writeBoolean(t.booleans()[i]);
            case STRING -> g.writeString(t.strings()[i]);
            case BYTES -> {
                byte[] b = t.bytes()[i];
                String s = Utf8.decodeStrict(b);
                g.writeString(s != null ? s : Base64.getEncoder().encodeToString(b));
            }
        }
    }
}
