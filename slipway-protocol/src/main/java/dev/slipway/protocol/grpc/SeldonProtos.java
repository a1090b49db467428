package dev.slipway.protocol.grpc;

import com.google.protobuf.ListValue;
import com.google.protobuf.Value;
import dev.slipway.model.DataType;
import dev.slipway.model.Payload;
import dev.slipway.model.Tensor;
import dev.slipway.protocol.grpc.seldon.DefaultData;
import dev.slipway.protocol.grpc.seldon.SeldonMessage;
import dev.slipway.protocol.json.Json;
import dev.slipway.protocol.v1.DataForm;
import dev.slipway.protocol.v1.Meta;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Seldon's protobuf {@code SeldonMessage} straight to the data plane's message (tensors, text, bytes), without the JSON
 * form in between: the model server's gRPC methods converted every call to JSON and back, which cost more than the
 * model. The result is exactly what the JSON route ({@link SeldonProtoJson} with {@code SeldonMessageReader}) gives —
 * same tensor types and values ({@code SeldonProtosTest} compares both for every payload type) — for the common
 * messages: {@code data.ndarray} of numbers, strings or booleans, {@code data.tensor}, {@code strData}, {@code binData},
 * and {@code meta} without tags or metrics. Anything else ({@code tftensor}, {@code jsonData}, mixed or ragged arrays,
 * NaN in a tensor, a request with a {@code status}…) answers null, and the caller takes the JSON route, which also
 * words the errors. Answers go the other way through {@link SeldonWire}.
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
}
