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

    /** Reads one member of an object (a field, or a map entry) whose value is the current token. */
    @FunctionalInterface
    private interface Member {
        void read(String name, JsonToken value) throws IOException, Other;
    }

    /** Reads the object at the current token member by member; a name given twice is not the common spelling. */
    private static void object(JsonParser p, Member member) throws IOException, Other {
        expect(p, JsonToken.START_OBJECT);
        final Set<String> seen = new HashSet<>(8);
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            final String name = p.currentName();
            final JsonToken value = p.nextToken();
            if (value == null || !seen.add(name)) {
                throw OTHER;
            }
            member.read(name, value);
        }
    }

    /** Reads one element of an array, the current token. */
    @FunctionalInterface
    private interface Element {
        void read() throws IOException, Other;
    }

    private static void array(JsonParser p, Element element) throws IOException, Other {
        expect(p, JsonToken.START_ARRAY);
        while (p.nextToken() != JsonToken.END_ARRAY) {
            element.read();
        }
    }

    private static SeldonMessage message(JsonParser p) throws IOException, Other {
        final SeldonMessage.Builder b = SeldonMessage.newBuilder();
        object(p, (name, t) -> {
            switch (name) {
                case "status" -> b.setStatus(status(p));
                case "meta" -> b.setMeta(meta(p));
                case "data" -> {
                    oneofFree(b.getDataOneofCase() != SeldonMessage.DataOneofCase.DATAONEOF_NOT_SET);
                    b.setData(data(p));
                }
                case "binData" -> {
                    oneofFree(b.getDataOneofCase() != SeldonMessage.DataOneofCase.DATAONEOF_NOT_SET);
                    b.setBinData(ByteString.copyFrom(Base64.getDecoder().decode(string(p))));
                }
                case "strData" -> {
                    oneofFree(b.getDataOneofCase() != SeldonMessage.DataOneofCase.DATAONEOF_NOT_SET);
                    b.setStrData(string(p));
                }
                case "jsonData" -> {
                    oneofFree(b.getDataOneofCase() != SeldonMessage.DataOneofCase.DATAONEOF_NOT_SET);
                    b.setJsonData(value(p));
                }
                case "customData" -> throw OTHER;
                default -> p.skipChildren();
            }
        });
        return b.build();
    }

    /** Two members of one oneof are not the common spelling (JsonFormat rejects them). */
    private static void oneofFree(boolean taken) throws Other {
        if (taken) {
            throw OTHER;
        }
    }

    private static Status status(JsonParser p) throws IOException, Other {
        final Status.Builder b = Status.newBuilder();
        object(p, (name, t) -> {
            switch (name) {
                case "code" -> b.setCode(int32(p));
                case "info" -> b.setInfo(string(p));
                case "reason" -> b.setReason(string(p));
                case "status" ->
                    b.setStatus(
                            switch (string(p)) {
                                case "SUCCESS" -> Status.StatusFlag.SUCCESS;
                                case "FAILURE" -> Status.StatusFlag.FAILURE;
                                default -> throw OTHER;
                            });
                default -> p.skipChildren();
            }
        });
        return b.build();
    }

    private static Meta meta(JsonParser p) throws IOException, Other {
        final Meta.Builder b = Meta.newBuilder();
        object(p, (name, t) -> {
            switch (name) {
                case "puid" -> b.setPuid(string(p));
                case "tags" -> b.putAllTags(struct(p).getFieldsMap());
                case "routing" -> object(p, (key, v) -> b.putRouting(key, int32(p)));
                case "requestPath" -> object(p, (key, v) -> b.putRequestPath(key, string(p)));
                case "metrics" -> array(p, () -> b.addMetrics(metric(p)));
                default -> p.skipChildren();
            }
        });
        return b.build();
    }

    private static Metric metric(JsonParser p) throws IOException, Other {
        final Metric.Builder b = Metric.newBuilder();
        object(p, (name, t) -> {
            switch (name) {
                case "key" -> b.setKey(string(p));
                case "type" ->
                    b.setType(
                            switch (string(p)) {
                                case "COUNTER" -> Metric.MetricType.COUNTER;
                                case "GAUGE" -> Metric.MetricType.GAUGE;
                                case "TIMER" -> Metric.MetricType.TIMER;
                                default -> throw OTHER;
                            });
                case "value" -> {
                    final double d = number(p);
                    if (Math.abs(d) > Float.MAX_VALUE) {
                        throw OTHER; // JsonFormat rejects it as out of range
                    }
                    b.setValue((float) d);
                }
                case "tags" -> object(p, (key, v) -> b.putTags(key, string(p)));
                default -> p.skipChildren();
            }
        });
        return b.build();
    }

    private static DefaultData data(JsonParser p) throws IOException, Other {
        final DefaultData.Builder b = DefaultData.newBuilder();
        object(p, (name, t) -> {
            switch (name) {
                case "names" -> array(p, () -> b.addNames(string(p)));
                case "tensor" -> {
                    oneofFree(b.getDataOneofCase() != DefaultData.DataOneofCase.DATAONEOF_NOT_SET);
                    b.setTensor(tensor(p));
                }
                case "ndarray" -> {
                    oneofFree(b.getDataOneofCase() != DefaultData.DataOneofCase.DATAONEOF_NOT_SET);
                    b.setNdarray(list(p));
                }
                case "tftensor" -> throw OTHER;
                default -> p.skipChildren();
            }
        });
        return b.build();
    }

    private static Tensor tensor(JsonParser p) throws IOException, Other {
        final Tensor.Builder b = Tensor.newBuilder();
        object(p, (name, t) -> {
            switch (name) {
                case "shape" -> array(p, () -> b.addShape(int32(p)));
                case "values" -> array(p, () -> b.addValues(number(p)));
                default -> p.skipChildren();
            }
        });
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
        final Struct.Builder b = Struct.newBuilder();
        object(p, (key, v) -> b.putFields(key, value(p)));
        return b.build();
    }

    private static ListValue list(JsonParser p) throws IOException, Other {
        final ListValue.Builder b = ListValue.newBuilder();
        array(p, () -> b.addValues(value(p)));
        return b.build();
    }

    private static void expect(JsonParser p, JsonToken token) throws Other {
        if (p.currentToken() != token) {
            throw OTHER;
        }
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
