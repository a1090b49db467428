package dev.slipway.protocol.grpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.ListValue;
import com.google.protobuf.Message;
import com.google.protobuf.NullValue;
import com.google.protobuf.Value;
import com.google.protobuf.util.JsonFormat;
import dev.slipway.protocol.ProtocolException;
import dev.slipway.protocol.grpc.seldon.DefaultData;
import dev.slipway.protocol.grpc.seldon.Feedback;
import dev.slipway.protocol.grpc.seldon.Meta;
import dev.slipway.protocol.grpc.seldon.Metric;
import dev.slipway.protocol.grpc.seldon.SeldonMessage;
import dev.slipway.protocol.grpc.seldon.SeldonMessageList;
import dev.slipway.protocol.grpc.seldon.Status;
import dev.slipway.protocol.grpc.seldon.Tensor;
import dev.slipway.protocol.json.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Tests for {@link SeldonProtoJson}: its streaming reader and writer ({@link ProtoJsonReader},
 * {@link ProtoJsonWriter}) give exactly what protobuf's {@code JsonFormat} gives, which stays the reference.
 */
class SeldonProtoJsonTest {

    private static final JsonFormat.Parser REFERENCE_PARSER =
            JsonFormat.parser().ignoringUnknownFields();
    private static final JsonFormat.Printer REFERENCE_PRINTER =
            JsonFormat.printer().omittingInsignificantWhitespace();

    static Stream<String> commonJson() {
        return Stream.of(
                "{\"data\":{\"ndarray\":[[1.0, 2.0, 3.0, 4.0]]}}",
                "{\"data\":{\"names\":[\"a\",\"b\"],\"ndarray\":[[1,2],[3,4]]}}",
                "{\"data\":{\"ndarray\":[\"text\", true, false, null, {\"k\":[1,{\"x\":\"y\"}]}, []]}}",
                "{\"data\":{\"tensor\":{\"shape\":[2,2],\"values\":[1,2.5,-3e10,4.25e-7]}}}",
                "{\"data\":{\"names\":[]}}",
                "{\"data\":{}}",
                "{}",
                "{\"strData\":\"hello \\\"world\\\" \\u00e9\"}",
                "{\"strData\":\"\"}",
                "{\"binData\":\"AAEC/w==\"}",
                "{\"jsonData\":{\"a\":[1,2,{\"b\":null}],\"c\":\"d\",\"e\":true}}",
                "{\"jsonData\":42}",
                "{\"jsonData\":null}",
                "{\"meta\":{\"puid\":\"abc\",\"tags\":{\"t\":1,\"s\":\"x\",\"o\":{\"p\":[1]}},\"routing\":{\"router\":1},"
                        + "\"requestPath\":{\"scorer\":\"img:1\"},\"metrics\":[{\"key\":\"c\",\"type\":\"COUNTER\","
                        + "\"value\":1},{\"key\":\"g\",\"type\":\"GAUGE\",\"value\":2.5,\"tags\":{\"x\":\"y\"}},"
                        + "{\"key\":\"t\",\"type\":\"TIMER\",\"value\":0.125}]},\"data\":{\"ndarray\":[1]}}",
                "{\"meta\":{}}",
                "{\"status\":{\"code\":400,\"info\":\"bad\",\"reason\":\"BAD\",\"status\":\"FAILURE\"}}",
                "{\"status\":{\"status\":\"SUCCESS\"},\"meta\":{\"puid\":\"p\"},\"data\":{\"ndarray\":[]}}",
                "{\"unknown\":{\"deep\":[1,2,{\"x\":null}]},\"data\":{\"other\":1,\"ndarray\":[1]},\"meta\":{\"zz\":1}}",
                "  {\"data\" : {\"ndarray\" : [ [ 1 ] ] } }  ");
    }

    /** Spellings the streaming reader leaves to JsonFormat (which accepts or rejects them in its own way). */
    static Stream<String> otherJson() {
        return Stream.of(
                "{\"meta\":{\"puid\":123}}",
                "{\"meta\":null}",
                "{\"status\":{\"code\":\"400\"}}",
                "{\"status\":{\"status\":1}}",
                "{\"data\":{\"tensor\":{\"shape\":[\"2\"],\"values\":[\"NaN\",1]}}}",
                "{\"data\":{\"tftensor\":{\"dtype\":\"DT_FLOAT\",\"tensorShape\":{\"dim\":[{\"size\":\"1\"}]},"
                        + "\"floatVal\":[1.5]}}}",
                "{\"binData\":\"AAEC_w\"}",
                "{\"meta\":{\"metrics\":[{\"key\":\"k\",\"type\":2,\"value\":\"1.5\"}]}}",
                "{\"data\":{\"ndarray\":[1]},\"data\":{\"ndarray\":[2]}}",
                "{\"status\":{\"status\":\"MAYBE\"}}");
    }

    /** Inputs JsonFormat rejects: SeldonProtoJson rejects them as well, with a ProtocolException. */
    @ParameterizedTest
    @ValueSource(
            strings = {
                "{\"data\":{\"ndarray\":[1]},\"strData\":\"x\"}",
                "{\"data\":{\"ndarray\":[1],\"tensor\":{}}}",
                "{\"meta\":{\"routing\":{\"r\":1.5}}}",
                "{\"data\":{\"ndarray\":[1]}",
                "[1,2]",
                "not json"
            })
    void message_whatJsonFormatRejects_isRejected(String json) {
        assertThatThrownBy(() -> REFERENCE_PARSER.merge(json, SeldonMessage.newBuilder()))
                .isInstanceOf(InvalidProtocolBufferException.class);
        assertThatThrownBy(() -> SeldonProtoJson.message(json.getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(ProtocolException.class)
                .hasMessageContaining("SeldonMessage");
    }

    @ParameterizedTest
    @MethodSource("commonJson")
    void read_commonSpelling_isStreamedAndEqualsJsonFormat(String json) throws IOException {
        final SeldonMessage fast = ProtoJsonReader.read(Json.parser(bytes(json)));
        assertThat(fast).as("read by the streaming reader").isNotNull();
        assertThat(fast).isEqualTo(reference(json));
        assertThat(SeldonProtoJson.message(bytes(json))).isEqualTo(reference(json));
    }

    @ParameterizedTest
    @MethodSource("commonJson")
    void message_fromTree_equalsJsonFormat(String json) throws IOException {
        final JsonNode tree = Json.MAPPER.readTree(json);
        assertThat(SeldonProtoJson.message(tree)).isEqualTo(reference(json));
    }

    @ParameterizedTest
    @MethodSource("otherJson")
    void message_otherSpelling_leftToJsonFormat_sameResult(String json) throws IOException {
        assertThat(ProtoJsonReader.read(Json.parser(bytes(json)))).isNull();
        assertThat(SeldonProtoJson.message(bytes(json))).isEqualTo(reference(json));
    }

    @ParameterizedTest
    @MethodSource("commonJson")
    void toJson_parsedMessage_printsWhatJsonFormatPrints(String json) throws IOException {
        final SeldonMessage m = reference(json);
        assertPrintsLikeJsonFormat(m);
    }

    @Test
    void toJson_builtMessages_printWhatJsonFormatPrints() throws IOException {
        final Meta meta = Meta.newBuilder()
                .setPuid("p1")
                .putTags("a", Value.newBuilder().setStringValue("b").build())
                .putTags(
                        "n",
                        Value.newBuilder().setNullValue(NullValue.NULL_VALUE).build())
                .putRouting("r", -1)
                .putRequestPath("m", "img")
                .addMetrics(Metric.newBuilder()
                        .setKey("k")
                        .setType(Metric.MetricType.TIMER)
                        .setValue(1.5f)
                        .putTags("t", "v"))
                .addMetrics(Metric.newBuilder().setKey("nan").setValue(Float.NaN))
                .build();
        final SeldonMessage tensor = SeldonMessage.newBuilder()
                .setMeta(meta)
                .setStatus(Status.newBuilder().setCode(7).setStatusValue(1))
                .setData(DefaultData.newBuilder()
                        .addNames("x")
                        .setTensor(Tensor.newBuilder()
                                .addShape(3)
                                .addValues(1e300)
                                .addValues(Double.NaN)
                                .addValues(Double.NEGATIVE_INFINITY)))
                .build();
        final SeldonMessage bin = SeldonMessage.newBuilder()
                .setBinData(ByteString.copyFrom(new byte[] {0, -1, 2, 3}))
                .build();
        final SeldonMessage ndarray = SeldonMessage.newBuilder()
                .setData(DefaultData.newBuilder()
                        .setNdarray(ListValue.newBuilder()
                                .addValues(Value.newBuilder().setNumberValue(0.1))
                                .addValues(Value.newBuilder().setNumberValue(-0.0))
                                .addValues(Value.newBuilder().setNumberValue(123456789012.0))))
                .build();
        for (final Message m : new Message[] {
            tensor,
            bin,
            ndarray,
            Feedback.newBuilder()
                    .setRequest(ndarray)
                    .setResponse(tensor)
                    .setTruth(bin)
                    .setReward(0.5f)
                    .build(),
            Feedback.getDefaultInstance(),
            SeldonMessageList.newBuilder()
                    .addSeldonMessages(ndarray)
                    .addSeldonMessages(bin)
                    .build(),
            SeldonMessageList.getDefaultInstance()
        }) {
            assertPrintsLikeJsonFormat(m);
        }
    }

    @Test
    void toJson_partsOnlyJsonFormatPrints_leftToIt() throws IOException {
        final SeldonMessage nanValue = SeldonMessage.newBuilder()
                .setJsonData(Value.newBuilder().setNumberValue(Double.NaN))
                .build();
        assertThat(ProtoJsonWriter.write(nanValue)).isNull();
        final SeldonMessage tftensor =
                reference("{\"data\":{\"tftensor\":{\"dtype\":\"DT_FLOAT\",\"floatVal\":[1.5]}}}");
        assertThat(ProtoJsonWriter.write(tftensor)).isNull();
        assertThat(Json.MAPPER.readTree(SeldonProtoJson.toJson(tftensor)))
                .isEqualTo(Json.MAPPER.readTree(REFERENCE_PRINTER.print(tftensor)));
    }

    private static void assertPrintsLikeJsonFormat(Message m) throws IOException {
        final byte[] fast = ProtoJsonWriter.write(m);
        assertThat(fast).as("printed by the streaming writer: %s", m).isNotNull();
        // the same JSON values (ints stay ints, doubles doubles; JsonFormat escapes a few more characters)
        final JsonNode expected = Json.MAPPER.readTree(REFERENCE_PRINTER.print(m));
        assertThat(Json.MAPPER.readTree(fast)).isEqualTo(expected);
        assertThat(Json.MAPPER.readTree(SeldonProtoJson.toJson(m))).isEqualTo(expected);
    }

    private static SeldonMessage reference(String json) throws InvalidProtocolBufferException {
        final SeldonMessage.Builder b = SeldonMessage.newBuilder();
        REFERENCE_PARSER.merge(json, b);
        return b.build();
    }

    private static byte[] bytes(String json) {
        return json.getBytes(StandardCharsets.UTF_8);
    }
}
