package dev.slipway.protocol.grpc;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.google.protobuf.ByteString;
import com.google.protobuf.ListValue;
import com.google.protobuf.NullValue;
import com.google.protobuf.Struct;
import com.google.protobuf.Value;
import dev.slipway.protocol.grpc.seldon.DefaultData;
import dev.slipway.protocol.grpc.seldon.Meta;
import dev.slipway.protocol.grpc.seldon.Metric;
import dev.slipway.protocol.grpc.seldon.SeldonMessage;
import dev.slipway.protocol.grpc.seldon.Status;
import dev.slipway.protocol.grpc.seldon.Tensor;
import java.io.IOException;
import java.util.Base64;
import java.util.HashSet;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Reads a SeldonMessage from JSON in the spelling Slipway and Seldon write (numbers as numbers, enums by name, each
 * field once), with Jackson's streaming parser instead of {@code JsonFormat}'s reflection; unknown fields are skipped,
 * as {@code JsonFormat.parser().ignoringUnknownFields()} does. Anything else — a null, a number as a string, a
 * duplicate field, two members of a oneof, {@code tftensor}, {@code customData}, malformed JSON — makes {@link #read}
 * answer null, and the caller parses with {@code JsonFormat}, which accepts or rejects it with its own message. So
 * this reader is only ever faster, never different.
 */
final class ProtoJsonReader {

    /** Not the common spelling: {@code JsonFormat} decides. */
    private static final class Other extends Exception {
        private static final long serialVersionUID = 1L;

        Other() {
            super(null, null, false, false);
        }
    }

    private static final Other OTHER = new Other();

    private ProtoJsonReader() {}

    /** The message {@code p} holds (one JSON object and nothing after it), or null when JsonFormat must read it. */
    static @Nullable SeldonMessage read(JsonParser p) {
        try (p) {
            p.nextToken();
            final SeldonMessage m = message(p);
            return p.nextToken() == null ? m : null;
        } catch (Other | IOException | RuntimeException e) {
            return null;
        }
    }

    private static SeldonMessage message(JsonParser p) throws IOException, Other {
        expect(p, JsonToken.START_OBJECT);
        final SeldonMessage.Builder b = SeldonMessage.newBuilder();
        final Set<String> seen = new HashSet<>(4);
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            final String name = p.currentName();
            final JsonToken t = p.nextToken();
            once(seen, name);
            switch (name) {
                case "status" -> b.setStatus(status(p));
                case "meta" -> b.setMeta(meta(p));
                case "data" -> {
                    oneofFree(b);
                    b.setData(data(p));
                }
                case "binData" -> {
                    oneofFree(b);
                    b.setBinData(ByteString.copyFrom(Base64.getDecoder().decode(string(p))));
                }
                case "strData" -> {
                    oneofFree(b);
                    b.setStrData(string(p));
                }
                case "jsonData" -> {
                    oneofFree(b);
                    b.setJsonData(value(p));
                }
                case "customData" -> throw OTHER;
                default -> skip(p, t);
            }
        }
        return b.build();
    }

    private static void oneofFree(SeldonMessage.Builder b) throws Other {
        if (b.getDataOneofCase() != SeldonMessage.DataOneofCase.DATAONEOF_NOT_SET) {
            throw OTHER;
        }
    }

    private static Status status(JsonParser p) throws IOException, Other {
        expect(p, JsonToken.START_OBJECT);
        final Status.Builder b = Status.newBuilder();
        final Set<String> seen = new HashSet<>(4);
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            final String name = p.currentName();
            final JsonToken t = p.nextToken();
            once(seen, name);
            switch (name) {
                case "code" -> b.setCode(int32(p));
                case "info" -> b.setInfo(string(p));
                case "reason" -> b.setReason(string(p));
                case "status" -> {
                    final String flag = string(p);
                    if (flag.equals("SUCCESS")) {
                        b.setStatus(Status.StatusFlag.SUCCESS);
                    } else if (flag.equals("FAILURE")) {
                        b.setStatus(Status.StatusFlag.FAILURE);
                    } else {
                        throw OTHER;
                    }
                }
                default -> skip(p, t);
            }
        }
        return b.build();
    }

    private static Meta meta(JsonParser p) throws IOException, Other {
        expect(p, JsonToken.START_OBJECT);
        final Meta.Builder b = Meta.newBuilder();
        final Set<String> seen = new HashSet<>(4);
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            final String name = p.currentName();
            final JsonToken t = p.nextToken();
            once(seen, name);
            switch (name) {
                case "puid" -> b.setPuid(string(p));
                case "tags" -> b.putAllTags(struct(p).getFieldsMap());
                case "routing" -> {
                    expect(p, JsonToken.START_OBJECT);
                    while (p.nextToken() == JsonToken.FIELD_NAME) {
                        final String key = p.currentName();
                        p.nextToken();
                        if (b.containsRouting(key)) {
                            throw OTHER;
                        }
                        b.putRouting(key, int32(p));
                    }
                }
                case "requestPath" -> {
                    expect(p, JsonToken.START_OBJECT);
                    while (p.nextToken() == JsonToken.FIELD_NAME) {
                        final String key = p.currentName();
                        p.nextToken();
                        if (b.containsRequestPath(key)) {
                            throw OTHER;
                        }
                        b.putRequestPath(key, string(p));
                    }
                }
                case "metrics" -> {
                    expect(p, JsonToken.START_ARRAY);
                    while (p.nextToken() != JsonToken.END_ARRAY) {
                        b.addMetrics(metric(p));
                    }
                }
                default -> skip(p, t);
            }
        }
        return b.build();
    }

    private static Metric metric(JsonParser p) throws IOException, Other {
        expect(p, JsonToken.START_OBJECT);
        final Metric.Builder b = Metric.newBuilder();
        final Set<String> seen = new HashSet<>(4);
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            final String name = p.currentName();
            final JsonToken t = p.nextToken();
            once(seen, name);
            switch (name) {
                case "key" -> b.setKey(string(p));
                case "type" -> {
                    final Metric.MetricType type = switch (string(p)) {
                        case "COUNTER" -> Metric.MetricType.COUNTER;
                        case "GAUGE" -> Metric.MetricType.GAUGE;
                        case "TIMER" -> Metric.MetricType.TIMER;
                        default -> throw OTHER;
                    };
                    b.setType(type);
                }
                case "value" -> {
                    final double d = number(p);
                    if (Math.abs(d) > Float.MAX_VALUE) {
                        throw OTHER; // JsonFormat rejects it as out of range
                    }
                    b.setValue((float) d);
                }
                case "tags" -> {
                    expect(p, JsonToken.START_OBJECT);
                    while (p.nextToken() == JsonToken.FIELD_NAME) {
                        final String key = p.currentName();
                        p.nextToken();
                        if (b.containsTags(key)) {
                            throw OTHER;
                        }
                        b.putTags(key, string(p));
                    }
                }
                default -> skip(p, t);
            }
        }
        return b.build();
    }

    private static DefaultData data(JsonParser p) throws IOException, Other {
        expect(p, JsonToken.START_OBJECT);
        final DefaultData.Builder b = DefaultData.newBuilder();
        final Set<String> seen = new HashSet<>(4);
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            final String name = p.currentName();
            final JsonToken t = p.nextToken();
            once(seen, name);
            switch (name) {
                case "names" -> {
                    expect(p, JsonToken.START_ARRAY);
                    while (p.nextToken() != JsonToken.END_ARRAY) {
                        b.addNames(string(p));
                    }
                }
                case "tensor" -> {
                    if (b.getDataOneofCase() != DefaultData.DataOneofCase.DATAONEOF_NOT_SET) {
                        throw OTHER;
                    }
                    b.setTensor(tensor(p));
                }
                case "ndarray" -> {
                    if (b.getDataOneofCase() != DefaultData.DataOneofCase.DATAONEOF_NOT_SET) {
                        throw OTHER;
                    }
                    b.setNdarray(list(p));
                }
                case "tftensor" -> throw OTHER;
                default -> skip(p, t);
            }
        }
        return b.build();
    }

    private static Tensor tensor(JsonParser p) throws IOException, Other {
        expect(p, JsonToken.START_OBJECT);
        final Tensor.Builder b = Tensor.newBuilder();
        final Set<String> seen = new HashSet<>(4);
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            final String name = p.currentName();
            final JsonToken t = p.nextToken();
            once(seen, name);
            switch (name) {
                case "shape" -> {
                    expect(p, JsonToken.START_ARRAY);
                    while (p.nextToken() != JsonToken.END_ARRAY) {
                        b.addShape(int32(p));
                    }
                }
                case "values" -> {
                    expect(p, JsonToken.START_ARRAY);
                    while (p.nextToken() != JsonToken.END_ARRAY) {
                        b.addValues(number(p));
                    }
                }
                default -> skip(p, t);
            }
        }
        return b.build();
    }

    /** A {@code google.protobuf.Value} at the current token. */
    private static Value value(JsonParser p) throws IOException, Other {
        final JsonToken t = p.currentToken();
        if (t == null) {
            throw OTHER;
        }
        return switch (t) {
            case START_OBJECT -> Value.newBuilder().setStructValue(struct(p)).build();
            case START_ARRAY -> Value.newBuilder().setListValue(list(p)).build();
            case VALUE_STRING -> Value.newBuilder().setStringValue(p.getText()).build();
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT ->
                Value.newBuilder().setNumberValue(number(p)).build();
            case VALUE_TRUE -> Value.newBuilder().setBoolValue(true).build();
            case VALUE_FALSE -> Value.newBuilder().setBoolValue(false).build();
            case VALUE_NULL ->
                Value.newBuilder().setNullValue(NullValue.NULL_VALUE).build();
            default -> throw OTHER;
        };
    }

    private static Struct struct(JsonParser p) throws IOException, Other {
        expect(p, JsonToken.START_OBJECT);
        final Struct.Builder b = Struct.newBuilder();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            final String key = p.currentName();
            p.nextToken();
            if (b.containsFields(key)) {
                throw OTHER;
            }
            b.putFields(key, value(p));
        }
        return b.build();
    }

    private static ListValue list(JsonParser p) throws IOException, Other {
        expect(p, JsonToken.START_ARRAY);
        final ListValue.Builder b = ListValue.newBuilder();
        while (p.nextToken() != JsonToken.END_ARRAY) {
            b.addValues(value(p));
        }
        return b.build();
    }

    private static void expect(JsonParser p, JsonToken token) throws Other {
        if (p.currentToken() != token) {
            throw OTHER;
        }
    }

    private static void once(Set<String> seen, String name) throws Other {
        if (!seen.add(name)) {
            throw OTHER;
        }
    }

    private static void skip(JsonParser p, JsonToken t) throws IOException, Other {
        if (t == null) {
            throw OTHER;
        }
        p.skipChildren();
    }

    private static String string(JsonParser p) throws IOException, Other {
        if (p.currentToken() != JsonToken.VALUE_STRING) {
            throw OTHER;
        }
        return p.getText();
    }

    private static double number(JsonParser p) throws IOException, Other {
        final JsonToken t = p.currentToken();
        if (t != JsonToken.VALUE_NUMBER_INT && t != JsonToken.VALUE_NUMBER_FLOAT) {
            throw OTHER;
        }
        final double d = p.getDoubleValue();
        if (Double.isInfinite(d)) {
            throw OTHER; // out of a double's range: JsonFormat's error
        }
        return d;
    }

    private static int int32(JsonParser p) throws IOException, Other {
        if (p.currentToken() != JsonToken.VALUE_NUMBER_INT || p.getNumberType() != JsonParser.NumberType.INT) {
            throw OTHER;
        }
        return p.getIntValue();
    }
}
