package dev.slipway.protocol.grpc;

import dev.slipway.model.DataType;
import dev.slipway.model.Payload;
import dev.slipway.model.Tensor;
import dev.slipway.protocol.v1.DataForm;
import dev.slipway.protocol.v1.Meta;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Writes the data plane's answer straight in {@code SeldonMessage}'s wire format, without building protobuf objects:
 * exactly the bytes protobuf serializes the JSON route's message to ({@code SeldonMessageWriter}, then
 * {@link SeldonProtoJson}: fields in number order, map entries with key and value, proto3 defaults left out), for the
 * common answers — any tensor but UINT64/BYTES as {@code ndarray} or {@code tensor}, {@code strData}, {@code binData},
 * {@code status}, and {@code meta} with tags, metrics, routing and {@code requestPath}. It answers null for the others
 * ({@code jsonData}, tags of other Java types, non-finite metric values…), which the JSON route writes.
 * {@code SeldonWireTest} compares the bytes on a table of every payload type and on large messages.
 */
public final class SeldonWire {

    private static final int VARINT = 0;
    private static final int FIXED64 = 1;
    private static final int LENGTH = 2;
    private static final int FIXED32 = 5;

    private final Out out = new Out();

    private SeldonWire() {}

    /** {@code m} as a serialized {@code SeldonMessage}, or null when the JSON route must write it. */
    public static byte @Nullable [] write(dev.slipway.protocol.v1.SeldonMessage m) {
        final SeldonWire wire = new SeldonWire();
        return wire.message(m) ? wire.out.bytes() : null;
    }

    private boolean message(dev.slipway.protocol.v1.SeldonMessage m) {
        final dev.slipway.protocol.v1.Status s = m.status();
        if (s != null && !status(s)) {
            return false;
        }
        if (!meta(m.meta())) {
            return false;
        }
        final Payload p = m.payload();
        if (p == null) {
            return true;
        }
        return switch (p.kind()) {
            case TENSORS -> p.tensors().size() == 1 && data(p, m.form());
            case STRING -> {
                out.string(5, p.string(), true);
                yield true;
            }
            case BYTES -> {
                out.bytes(4, p.bytes(), true);
                yield true;
            }
            case JSON -> false;
        };
    }

    private boolean status(dev.slipway.protocol.v1.Status s) {
        int flag = 0;
        if (s.status() != null) {
            switch (s.status()) {
                case "SUCCESS" -> flag = 0;
                case "FAILURE" -> flag = 1;
                default -> {
                    return false;
                }
            }
        }
        final int at = out.begin(1);
        if (s.code() != 0) {
            out.tag(1, VARINT);
            out.varint(s.code());
        }
        if (s.info() != null) {
            out.string(2, s.info(), false);
        }
        if (s.reason() != null) {
            out.string(3, s.reason(), false);
        }
        if (flag != 0) {
            out.tag(4, VARINT);
            out.varint(flag);
        }
        out.end(at);
        return true;
    }

    /** {@code meta}, always present (the JSON route writes {@code "meta": {}} too). */
    private boolean meta(Meta meta) {
        final int at = out.begin(2);
        if (meta.puid() != null) {
            out.string(1, meta.puid(), false);
        }
        if (!meta.tags().isEmpty() && !fields(2, meta.tags())) {
            return false;
        }
        for (Map.Entry<String, Integer> e : meta.routing().entrySet()) {
            final int entry = out.begin(3);
            out.string(1, e.getKey(), true);
            out.tag(2, VARINT);
            out.varint(e.getValue());
            out.end(entry);
        }
        for (Map.Entry<String, String> e : meta.requestPath().entrySet()) {
            stringEntry(4, e.getKey(), e.getValue());
        }
        for (dev.slipway.model.Metric metric : meta.metrics()) {
            final double v = metric.value();
            if (!Double.isFinite(v) || Math.abs(v) > Float.MAX_VALUE) {
                return false;
            }
            final int m = out.begin(5);
            out.string(1, metric.key(), false);
            final int type = metric.type().ordinal();
            if (type != 0) {
                out.tag(2, VARINT);
                out.varint(type);
            }
            final int bits = Float.floatToRawIntBits((float) v);
            if (bits != 0) {
                out.tag(3, FIXED32);
                out.fixed32(bits);
            }
            for (Map.Entry<String, String> e : metric.tags().entrySet()) {
                stringEntry(4, e.getKey(), e.getValue());
            }
            out.end(m);
        }
        out.end(at);
        return true;
    }

    private void stringEntry(int field, String key, String value) {
        final int entry = out.begin(field);
        out.string(1, key, true);
        out.string(2, value, true);
        out.end(entry);
    }

    /** A {@code Struct}'s fields (or {@code Meta.tags}): map entries of field {@code field}; false: the JSON route. */
    private boolean fields(int field, Map<?, ?> map) {
        final Set<String> keys = new HashSet<>();
        for (Map.Entry<?, ?> e : map.entrySet()) {
            final String key = String.valueOf(e.getKey());
            if (!keys.add(key)) {
                return false;
            }
            final int entry = out.begin(field);
            out.string(1, key, true);
            final int v = out.begin(2);
            if (!value(e.getValue())) {
                return false;
            }
            out.end(v);
            out.end(entry);
        }
        return true;
    }

    /** A {@code Value}'s fields for a plain Java value, as protobuf's JSON reads the JSON route's; false: the JSON route. */
    private boolean value(@Nullable Object v) {
        if (v == null) {
            nullValue();
        } else if (v instanceof String s) {
            out.string(3, s, true);
        } else if (v instanceof Boolean b) {
            out.tag(4, VARINT);
            out.varint(b ? 1 : 0);
        } else if (v instanceof Integer || v instanceof Long || v instanceof Short || v instanceof Byte) {
            number(((Number) v).longValue());
        } else if (v instanceof Double || v instanceof Float) {
            number(((Number) v).doubleValue());
        } else if (v instanceof Map<?, ?> m) {
            final int s = out.begin(5);
            if (!fields(1, m)) {
                return false;
            }
            out.end(s);
        } else if (v instanceof Iterable<?> it) {
            final int l = out.begin(6);
            for (Object o : it) {
                final int e = out.begin(1);
                if (!value(o)) {
                    return false;
                }
                out.end(e);
            }
            out.end(l);
        } else if (v instanceof double[] a) {
            final int l = out.begin(6);
            for (double d : a) {
                final int e = out.begin(1);
                number(d);
                out.end(e);
            }
            out.end(l);
        } else {
            return false; // other numbers, arrays, objects: the JSON route
        }
        return true;
    }

    private void nullValue() {
        out.tag(1, VARINT);
        out.varint(0);
    }

    /** A number as the JSON route carries it: non-finite ones as null. */
    private void number(double d) {
        if (Double.isFinite(d)) {
            out.tag(2, FIXED64);
            out.fixed64(Double.doubleToRawLongBits(d));
        } else {
            nullValue();
        }
    }

    private boolean data(Payload p, DataForm requested) {
        final Tensor t = p.tensor();
        if (t.type() == DataType.UINT64 || t.type().storage() == DataType.Storage.BYTES) {
            return false;
        }
        DataForm form = requested == DataForm.NONE ? DataForm.NDARRAY : requested;
        if (form == DataForm.TENSOR && !t.type().isNumeric() && t.type() != DataType.BOOL) {
            form = DataForm.NDARRAY; // Seldon's tensor holds doubles only
        }
        final int at = out.begin(3);
        for (String name : p.names()) {
            out.string(1, name, true);
        }
        switch (form) {
            case TENSOR -> {
                final int tensor = out.begin(2);
                final long[] shape = t.shape();
                if (shape.length > 0) {
                    final int packed = out.begin(1);
                    for (long dim : shape) {
                        if (dim > Integer.MAX_VALUE) {
                            return false;
                        }
                        out.varint((int) dim);
                    }
                    out.end(packed);
                }
                if (t.size() > 0) {
                    final int values = out.begin(2);
                    for (int i = 0; i < t.size(); i++) {
                        final double v = t.getDouble(i);
                        if (!Double.isFinite(v)) {
                            return false;
                        }
                        out.fixed64(Double.doubleToRawLongBits(v));
                    }
                    out.end(values);
                }
                out.end(tensor);
            }
            case NDARRAY -> {
                if (t.rank() == 0 || t.rank() > SeldonProtos.DEEPEST) {
                    return false;
                }
                final int list = out.begin(3);
                level(t, t.shape(), 0, new int[1]);
                out.end(list);
            }
            default -> {
                return false; // tftensor
            }
        }
        out.end(at);
        return true;
    }

    /** One level of the nested list: a {@code ListValue}'s values. */
    private void level(Tensor t, long[] shape, int depth, int[] offset) {
        final int n = (int) shape[depth];
        for (int i = 0; i < n; i++) {
            final int value = out.begin(1);
            if (depth == shape.length - 1) {
                element(t, offset[0]++);
            } else {
                final int list = out.begin(6);
                level(t, shape, depth + 1, offset);
                out.end(list);
            }
            out.end(value);
        }
    }

    /** Element {@code i}'s {@code Value} fields: non-finite numbers as null, floats by their shortest text. */
    private void element(Tensor t, int i) {
        switch (t.type().storage()) {
            case DOUBLE -> number(t.doubles()[i]);
            case FLOAT -> {
                final float f = t.floats()[i];
                if (Float.isFinite(f)) {
                    number(Double.parseDouble(Float.toString(f)));
                } else {
                    nullValue();
                }
            }
            case LONG -> number(t.longs()[i]);
            case INT -> number(t.ints()[i]);
            case BOOL -> {
                out.tag(4, VARINT);
                out.varint(t.booleans()[i] ? 1 : 0);
            }
            case STRING -> out.string(3, t.strings()[i], true);
            case BYTES -> throw new AssertionError("bytes are left to the JSON route");
        }
    }

    /**
     * A growing byte array with protobuf's encodings; a nested message is written in place after a one-byte length,
     * which {@link #end} fixes (moving the message when its length needs more bytes).
     */
    private static final class Out {
        private byte[] buf = new byte[128];
        private int pos;

        void tag(int field, int wireType) {
            varint(field << 3 | wireType);
        }

        /** An int32/enum/bool as protobuf writes it: negative ones as ten-byte varints. */
        void varint(int v) {
            if (v < 0) {
                varint64(v);
                return;
            }
            ensure(5);
            int x = v;
            while ((x & ~0x7f) != 0) {
                buf[pos++] = (byte) ((x & 0x7f) | 0x80);
                x >>>= 7;
            }
            buf[pos++] = (byte) x;
        }

        private void varint64(long v) {
            ensure(10);
            long x = v;
            while ((x & ~0x7fL) != 0) {
                buf[pos++] = (byte) ((x & 0x7f) | 0x80);
                x >>>= 7;
            }
            buf[pos++] = (byte) x;
        }

        void fixed64(long v) {
            ensure(8);
            for (int i = 0; i < 8; i++) {
                buf[pos++] = (byte) (v >>> (8 * i));
            }
        }

        void fixed32(int v) {
            ensure(4);
            for (int i = 0; i < 4; i++) {
                buf[pos++] = (byte) (v >>> (8 * i));
            }
        }

        /** A string field; an empty one only when {@code always} (a map entry's key or value, a oneof member). */
        void string(int field, String s, boolean always) {
            if (s.isEmpty() && !always) {
                return;
            }
            bytes(field, s.getBytes(StandardCharsets.UTF_8), true);
        }

        void bytes(int field, byte[] b, boolean always) {
            if (b.length == 0 && !always) {
                return;
            }
            tag(field, LENGTH);
            varint(b.length);
            ensure(b.length);
            System.arraycopy(b, 0, buf, pos, b.length);
            pos += b.length;
        }

        /** Starts a length-delimited field {@code field}: where its length goes. */
        int begin(int field) {
            tag(field, LENGTH);
            ensure(1);
            return pos++;
        }

        /** Ends the field begun at {@code at}: writes its length there. */
        void end(int at) {
            final int length = pos - at - 1;
            if (length < 0x80) {
                buf[at] = (byte) length;
                return;
            }
            int size = 1;
            for (int x = length >>> 7; x != 0; x >>>= 7) {
                size++;
            }
            ensure(size - 1);
            System.arraycopy(buf, at + 1, buf, at + size, length);
            pos += size - 1;
            int x = length;
            int i = at;
            while ((x & ~0x7f) != 0) {
                buf[i++] = (byte) ((x & 0x7f) | 0x80);
                x >>>= 7;
            }
            buf[i] = (byte) x;
        }

        private void ensure(int n) {
            if (pos + n > buf.length) {
                buf = Arrays.copyOf(buf, Math.max(buf.length * 2, pos + n));
            }
        }

        byte[] bytes() {
            return Arrays.copyOf(buf, pos);
        }
    }
}
