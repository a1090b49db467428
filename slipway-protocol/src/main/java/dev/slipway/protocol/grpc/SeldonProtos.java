package dev.slipway.protocol.grpc;

import com.google.protobuf.ByteString;
import com.google.protobuf.ListValue;
import com.google.protobuf.NullValue;
import com.google.protobuf.Struct;
import com.google.protobuf.Value;
import dev.slipway.model.DataType;
import dev.slipway.model.Payload;
import dev.slipway.model.Tensor;
import dev.slipway.protocol.grpc.seldon.DefaultData;
import dev.slipway.protocol.grpc.seldon.Metric;
import dev.slipway.protocol.grpc.seldon.SeldonMessage;
import dev.slipway.protocol.grpc.seldon.Status;
import dev.slipway.protocol.json.Json;
import dev.slipway.protocol.v1.DataForm;
import dev.slipway.protocol.v1.Meta;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Seldon's protobuf {@code SeldonMessage} straight to and from the data plane's message (tensors, text, bytes), without
 * the JSON form in between: the model server's gRPC methods converted every call to JSON and back, which cost more
 * than the model. The result is exactly what the JSON route ({@link SeldonProtoJson} with
 * {@code SeldonMessageReader}/{@code SeldonMessageWriter}) gives — same tensor types and values, same bytes out
 * ({@code SeldonProtosTest} compares both for every payload type) — for the common messages: {@code data.ndarray} of
 * numbers, strings or booleans, {@code data.tensor}, {@code strData}, {@code binData}, and {@code meta} (a request's
 * without tags or metrics). Anything else ({@code tftensor}, {@code jsonData}, mixed or ragged arrays, NaN in a tensor,
 * a request with a {@code status}…) answers null, and the caller takes the JSON route, which also words the errors.
 */
public final class SeldonProtos {

    /**
     * The deepest nested list taken here: the JSON route reads {@code data.ndarray} three levels into its document,
     * whose nesting is limited to {@link Json#MAX_DEPTH}; deeper ones go that way and get its answer.
     */
    static final int DEEPEST = Json.MAX_DEPTH - 3;

    private SeldonProtos() {}

    /** The data plane's message for {@code m}, or null when the JSON route must read it. */
    public static dev.slipway.protocol.v1.@Nullable SeldonMessage read(SeldonMessage m) {
        if (m.hasStatus()) {
            return null;
        }
        Meta meta = Meta.EMPTY;
        if (m.hasMeta()) {
            final dev.slipway.protocol.grpc.seldon.Meta pm = m.getMeta();
            if (pm.getTagsCount() > 0 || pm.getMetricsCount() > 0) {
                return null;
            }
            meta = new Meta(
                    pm.getPuid().isEmpty() ? null : pm.getPuid(),
                    Map.of(),
                    pm.getRoutingMap(),
                    pm.getRequestPathMap(),
                    List.of());
        }
        Payload payload = null;
        DataForm form = DataForm.NONE;
        switch (m.getDataOneofCase()) {
            case DATA -> {
                final DefaultData d = m.getData();
                final Tensor t;
                switch (d.getDataOneofCase()) {
                    case TENSOR -> {
                        t = tensor(d.getTensor());
                        form = DataForm.TENSOR;
                    }
                    case NDARRAY -> {
                        t = ndarray(d.getNdarray());
                        form = DataForm.NDARRAY;
                    }
                    default -> t = null;
                }
                if (t == null) {
                    return null;
                }
                payload = Payload.of(t).withNames(List.copyOf(d.getNamesList()));
            }
            case STRDATA -> payload = Payload.ofString(m.getStrData());
            case BINDATA -> payload = Payload.ofBytes(m.getBinData().toByteArray());
            case DATAONEOF_NOT_SET -> {}
            default -> {
                return null; // jsonData, customData
            }
        }
        return new dev.slipway.protocol.v1.SeldonMessage(payload, form, meta, null);
    }

    /** Seldon's {@code tensor}: finite values, a shape that holds them (none: one row). */
    private static @Nullable Tensor tensor(dev.slipway.protocol.grpc.seldon.Tensor t) {
        final int n = t.getValuesCount();
        if (n == 0) {
            return null;
        }
        final double[] values = new double[n];
        for (int i = 0; i < n; i++) {
            values[i] = t.getValues(i);
            if (!Double.isFinite(values[i])) {
                return null;
            }
        }
        final long[] shape;
        if (t.getShapeCount() == 0) {
            shape = new long[] {n};
        } else {
            shape = new long[t.getShapeCount()];
            long expected = 1;
            for (int i = 0; i < shape.length; i++) {
                shape[i] = t.getShape(i);
                if (shape[i] < 0 || expected > Integer.MAX_VALUE) {
                    return null; // past MAX_VALUE the product can only miss n (an int) or overflow
                }
                expected *= shape[i];
            }
            if (expected != n) {
                return null;
            }
        }
        return Tensor.ofDoubles(values, shape);
    }

    /**
     * A rectangular, non-empty nested list whose leaves are all numbers (finite), all strings or all booleans — the
     * types numpy (and the JSON route's {@code ArrayReader}) infer for them: FP64, STRING, BOOL.
     */
    private static @Nullable Tensor ndarray(ListValue list) {
        final List<Long> dims = new ArrayList<>();
        ListValue level = list;
        Value first;
        while (true) {
            if (level.getValuesCount() == 0 || dims.size() >= DEEPEST) {
                return null;
            }
            dims.add((long) level.getValuesCount());
            first = level.getValues(0);
            if (first.getKindCase() != Value.KindCase.LIST_VALUE) {
                break;
            }
            level = first.getListValue();
        }
        final long[] shape = dims.stream().mapToLong(Long::longValue).toArray();
        long size = 1;
        for (long d : shape) {
            size *= d;
        }
        final Value.KindCase kind = first.getKindCase();
        final Leaves leaves = new Leaves(kind, (int) size);
        if ((kind != Value.KindCase.NUMBER_VALUE
                        && kind != Value.KindCase.STRING_VALUE
                        && kind != Value.KindCase.BOOL_VALUE)
                || !leaves.collect(list, shape, 0)) {
            return null;
        }
        return leaves.tensor(shape);
    }

    /** The leaves of a nested list, all of one kind, collected row-major. */
    private static final class Leaves {
        private final Value.KindCase kind;
        private final double[] numbers;
        private final String[] strings;
        private final boolean[] bools;
        private int n;

        Leaves(Value.KindCase kind, int size) {
            this.kind = kind;
            numbers = kind == Value.KindCase.NUMBER_VALUE ? new double[size] : new double[0];
            strings = kind == Value.KindCase.STRING_VALUE ? new String[size] : new String[0];
            bools = kind == Value.KindCase.BOOL_VALUE ? new boolean[size] : new boolean[0];
        }

        /** Whether {@code list} at {@code depth} has the shape and holds leaves of the one kind only. */
        boolean collect(ListValue list, long[] shape, int depth) {
            if (list.getValuesCount() != shape[depth]) {
                return false;
            }
            final boolean leaf = depth == shape.length - 1;
            for (int i = 0; i < list.getValuesCount(); i++) {
                final Value v = list.getValues(i);
                if (!leaf) {
                    if (v.getKindCase() != Value.KindCase.LIST_VALUE || !collect(v.getListValue(), shape, depth + 1)) {
                        return false;
                    }
                } else if (v.getKindCase() != kind) {
                    return false;
                } else {
                    switch (kind) {
                        case NUMBER_VALUE -> {
                            numbers[n] = v.getNumberValue();
                            if (!Double.isFinite(numbers[n])) {
                                return false;
                            }
                        }
                        case STRING_VALUE -> strings[n] = v.getStringValue();
                        default -> bools[n] = v.getBoolValue();
                    }
                    n++;
                }
            }
            return true;
        }

        Tensor tensor(long[] shape) {
            return switch (kind) {
                case NUMBER_VALUE -> Tensor.ofDoubles(numbers, shape);
                case STRING_VALUE -> Tensor.of(DataType.STRING, strings, shape);
                default -> Tensor.ofBooleans(bools, shape);
            };
        }
    }

    /** The protobuf message for the data plane's {@code m}, or null when the JSON route must write it. */
    public static @Nullable SeldonMessage write(dev.slipway.protocol.v1.SeldonMessage m) {
        final SeldonMessage.Builder b = SeldonMessage.newBuilder();
        if (m.status() != null && !status(m.status(), b)) {
            return null;
        }
        if (!meta(m.meta(), b)) {
            return null;
        }
        final Payload p = m.payload();
        if (p != null) {
            switch (p.kind()) {
                case TENSORS -> {
                    if (p.tensors().size() != 1) {
                        return null;
                    }
                    final DefaultData data = data(p, m.form());
                    if (data == null) {
                        return null;
                    }
                    b.setData(data);
                }
                case STRING -> b.setStrData(p.string());
                case BYTES -> b.setBinData(ByteString.copyFrom(p.bytes()));
                case JSON -> {
                    return null;
                }
            }
        }
        return b.build();
    }

    private static boolean status(dev.slipway.protocol.v1.Status s, SeldonMessage.Builder b) {
        final Status.Builder sb = Status.newBuilder().setCode(s.code());
        if (s.info() != null) {
            sb.setInfo(s.info());
        }
        if (s.reason() != null) {
            sb.setReason(s.reason());
        }
        if (s.status() != null) {
            switch (s.status()) {
                case "SUCCESS" -> sb.setStatus(Status.StatusFlag.SUCCESS);
                case "FAILURE" -> sb.setStatus(Status.StatusFlag.FAILURE);
                default -> {
                    return false;
                }
            }
        }
        b.setStatus(sb);
        return true;
    }

    /** {@code meta}, always present (the JSON route writes {@code "meta": {}} too). */
    private static boolean meta(Meta meta, SeldonMessage.Builder b) {
        final dev.slipway.protocol.grpc.seldon.Meta.Builder mb = dev.slipway.protocol.grpc.seldon.Meta.newBuilder();
        if (meta.puid() != null) {
            mb.setPuid(meta.puid());
        }
        if (!meta.tags().isEmpty()) {
            final Struct tags = struct(meta.tags());
            if (tags == null) {
                return false;
            }
            mb.putAllTags(tags.getFieldsMap());
        }
        mb.putAllRouting(meta.routing()).putAllRequestPath(meta.requestPath());
        for (dev.slipway.model.Metric metric : meta.metrics()) {
            final double v = metric.value();
            if (!Double.isFinite(v) || Math.abs(v) > Float.MAX_VALUE) {
                return false;
            }
            mb.addMetrics(Metric.newBuilder()
                    .setKey(metric.key())
                    .setType(Metric.MetricType.valueOf(metric.type().name()))
                    .setValue((float) v)
                    .putAllTags(metric.tags()));
        }
        b.setMeta(mb);
        return true;
    }

    /** Plain Java values as {@code Json.writeValue} writes them and protobuf's JSON reads them back; else null. */
    private static @Nullable Value value(@Nullable Object v) {
        if (v == null) {
            return NULL;
        } else if (v instanceof String s) {
            return Value.newBuilder().setStringValue(s).build();
        } else if (v instanceof Boolean bool) {
            return Value.newBuilder().setBoolValue(bool).build();
        } else if (v instanceof Integer || v instanceof Long || v instanceof Short || v instanceof Byte) {
            return number(((Number) v).longValue());
        } else if (v instanceof Double || v instanceof Float) {
            return number(((Number) v).doubleValue());
        } else if (v instanceof Map<?, ?> m) {
            final Struct struct = struct(m);
            return struct == null
                    ? null
                    : Value.newBuilder().setStructValue(struct).build();
        } else if (v instanceof Iterable<?> it) {
            final ListValue.Builder l = ListValue.newBuilder();
            for (Object o : it) {
                final Value e = value(o);
                if (e == null) {
                    return null;
                }
                l.addValues(e);
            }
            return Value.newBuilder().setListValue(l).build();
        } else if (v instanceof double[] a) {
            final ListValue.Builder l = ListValue.newBuilder();
            for (double d : a) {
                l.addValues(number(d));
            }
            return Value.newBuilder().setListValue(l).build();
        }
        return null; // other numbers, arrays, objects: the JSON route
    }

    private static @Nullable Struct struct(Map<?, ?> map) {
        final Struct.Builder s = Struct.newBuilder();
        for (Map.Entry<?, ?> e : map.entrySet()) {
            final Value v = value(e.getValue());
            final String key = String.valueOf(e.getKey());
            if (v == null || s.containsFields(key)) {
                return null;
            }
            s.putFields(key, v);
        }
        return s.build();
    }

    private static @Nullable DefaultData data(Payload p, DataForm requested) {
        final Tensor t = p.tensor();
        if (t.type() == DataType.UINT64 || t.type().storage() == DataType.Storage.BYTES) {
            return null;
        }
        DataForm form = requested == DataForm.NONE ? DataForm.NDARRAY : requested;
        if (form == DataForm.TENSOR && !t.type().isNumeric() && t.type() != DataType.BOOL) {
            form = DataForm.NDARRAY; // Seldon's tensor holds doubles only
        }
        final DefaultData.Builder d = DefaultData.newBuilder().addAllNames(p.names());
        switch (form) {
            case TENSOR -> {
                final dev.slipway.protocol.grpc.seldon.Tensor.Builder tb =
                        dev.slipway.protocol.grpc.seldon.Tensor.newBuilder();
                for (long dim : t.shape()) {
                    if (dim > Integer.MAX_VALUE) {
                        return null;
                    }
                    tb.addShape((int) dim);
                }
                for (int i = 0; i < t.size(); i++) {
                    final double v = t.getDouble(i);
                    if (!Double.isFinite(v)) {
                        return null;
                    }
                    tb.addValues(v);
                }
                d.setTensor(tb);
            }
            case NDARRAY -> {
                if (t.rank() == 0 || t.rank() > DEEPEST) {
                    return null;
                }
                d.setNdarray(level(t, t.shape(), 0, new int[1]));
            }
            default -> {
                return null; // tftensor
            }
        }
        return d.build();
    }

    /** One level of the nested list, as {@code ArrayWriter.writeNested} writes it and protobuf's JSON reads it. */
    private static ListValue level(Tensor t, long[] shape, int depth, int[] offset) {
        final ListValue.Builder l = ListValue.newBuilder();
        final int n = (int) shape[depth];
        for (int i = 0; i < n; i++) {
            if (depth == shape.length - 1) {
                l.addValues(element(t, offset[0]++));
            } else {
                l.addValues(Value.newBuilder().setListValue(level(t, shape, depth + 1, offset)));
            }
        }
        return l.build();
    }

    private static final Value NULL =
            Value.newBuilder().setNullValue(NullValue.NULL_VALUE).build();

    /** Element {@code i} as the JSON route carries it: non-finite numbers as null, floats by their shortest text. */
    private static Value element(Tensor t, int i) {
        return switch (t.type().storage()) {
            case DOUBLE -> number(t.doubles()[i]);
            case FLOAT -> {
                final float f = t.floats()[i];
                yield Float.isFinite(f) ? number(Double.parseDouble(Float.toString(f))) : NULL;
            }
            case LONG -> number(t.longs()[i]);
            case INT -> number(t.ints()[i]);
            case BOOL -> Value.newBuilder().setBoolValue(t.booleans()[i]).build();
            case STRING -> Value.newBuilder().setStringValue(t.strings()[i]).build();
            case BYTES -> throw new AssertionError("bytes are left to the JSON route");
        };
    }

    private static Value number(double d) {
        return Double.isFinite(d) ? Value.newBuilder().setNumberValue(d).build() : NULL;
    }
}
