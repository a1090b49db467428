package dev.slipway.protocol.grpc;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.ListValue;
import com.google.protobuf.NullValue;
import com.google.protobuf.Value;
import com.google.protobuf.util.JsonFormat;
import dev.slipway.model.DataType;
import dev.slipway.model.Metric;
import dev.slipway.model.Payload;
import dev.slipway.model.Tensor;
import dev.slipway.protocol.grpc.seldon.DefaultData;
import dev.slipway.protocol.grpc.seldon.SeldonMessage;
import dev.slipway.protocol.json.Json;
import dev.slipway.protocol.v1.DataForm;
import dev.slipway.protocol.v1.Meta;
import dev.slipway.protocol.v1.SeldonMessageReader;
import dev.slipway.protocol.v1.SeldonMessageWriter;
import dev.slipway.protocol.v1.Status;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Tests for {@link SeldonProtos}: for every payload type the direct conversion either gives exactly what the JSON route
 * gives ({@link SeldonProtoJson} with {@link SeldonMessageReader} / {@link SeldonMessageWriter}: same tensors, types,
 * meta, and the same protobuf bytes) or declines (null), and it takes the common messages itself.
 */
class SeldonProtosTest {

    /** Requests as protobuf (written as their JSON here), and whether the direct route must take them. */
    static Stream<Arguments> requests() {
        return Stream.of(
                Arguments.of("{\"data\":{\"ndarray\":[[1.0, 2.0, 3.0, 4.0]]}}", true),
                Arguments.of("{\"data\":{\"names\":[\"a\",\"b\"],\"ndarray\":[[1,2],[3,4]]}}", true),
                Arguments.of("{\"data\":{\"ndarray\":[[[1e300,-2.5e-7],[0,-0.0]],[[5,6],[7,8]]]}}", true),
                Arguments.of("{\"data\":{\"ndarray\":[\"a text\",\"é\"]}}", true),
                Arguments.of("{\"data\":{\"ndarray\":[[true,false]]}}", true),
                Arguments.of("{\"data\":{\"ndarray\":[1,true]}}", false),
                Arguments.of("{\"data\":{\"ndarray\":[1,\"x\",null,true]}}", false),
                Arguments.of("{\"data\":{\"ndarray\":[null,2]}}", false),
                Arguments.of("{\"data\":{\"ndarray\":[\"NaN\",2]}}", false),
                Arguments.of("{\"data\":{\"ndarray\":[]}}", false),
                Arguments.of("{\"data\":{\"ndarray\":[[]]}}", false),
                Arguments.of("{\"data\":{\"ndarray\":[[1,2],[3]]}}", false),
                Arguments.of("{\"data\":{\"ndarray\":[[1,2],3]}}", false),
                Arguments.of("{\"data\":{\"ndarray\":[1,[2]]}}", false),
                Arguments.of("{\"data\":{\"ndarray\":[{\"a\":1}]}}", false),
                Arguments.of("{\"data\":{\"tensor\":{\"shape\":[2,2],\"values\":[1,2.5,-3e10,4.25e-7]}}}", true),
                Arguments.of("{\"data\":{\"names\":[\"x\"],\"tensor\":{\"values\":[1,2,3]}}}", true),
                Arguments.of("{\"data\":{\"tensor\":{\"shape\":[2,3],\"values\":[1,2,3]}}}", false),
                Arguments.of("{\"data\":{\"tensor\":{\"shape\":[-1,3],\"values\":[1,2,3]}}}", false),
                Arguments.of("{\"data\":{\"tensor\":{\"shape\":[2147483647,2147483647,2],\"values\":[1]}}}", false),
                Arguments.of("{\"data\":{\"tensor\":{\"shape\":[0]}}}", false),
                Arguments.of("{\"data\":{\"tensor\":{\"values\":[1,\"NaN\"]}}}", false),
                Arguments.of(
                        "{\"data\":{\"tftensor\":{\"dtype\":\"DT_FLOAT\",\"tensorShape\":{\"dim\":[{\"size\":\"2\"}]},"
                                + "\"floatVal\":[1,2]}}}",
                        false),
                Arguments.of("{\"data\":{\"names\":[\"a\"]}}", false),
                Arguments.of("{}", true),
                Arguments.of("{\"strData\":\"hello \\\"world\\\" \\u00e9\"}", true),
                Arguments.of("{\"strData\":\"\"}", true),
                Arguments.of("{\"binData\":\"AAEC/w==\"}", true),
                Arguments.of("{\"jsonData\":{\"a\":[1,2,{\"b\":null}],\"c\":\"d\"}}", false),
                Arguments.of(
                        "{\"meta\":{\"puid\":\"abc\",\"routing\":{\"r\":1,\"q\":-1},\"requestPath\":{\"s\":\"img:1\"}},"
                                + "\"data\":{\"ndarray\":[[1,2]]}}",
                        true),
                Arguments.of("{\"meta\":{},\"strData\":\"x\"}", true),
                Arguments.of("{\"meta\":{\"tags\":{\"t\":1}},\"data\":{\"ndarray\":[[1,2]]}}", false),
                Arguments.of(
                        "{\"meta\":{\"metrics\":[{\"key\":\"c\",\"type\":\"COUNTER\",\"value\":1}]},\"strData\":\"x\"}",
                        false),
                Arguments.of("{\"status\":{\"code\":400,\"info\":\"bad\",\"status\":\"FAILURE\"}}", false));
    }

    @ParameterizedTest
    @MethodSource("requests")
    void read_everyPayloadType_equalsJsonRoute(String json, boolean direct) throws InvalidProtocolBufferException {
        final SeldonMessage.Builder b = SeldonMessage.newBuilder();
        JsonFormat.parser().merge(json, b);
        assertReadEqualsJsonRoute(b.build(), direct);
    }

    @Test
    void read_ndarrayAtAndPastTheDepthLimit_equalsJsonRoute() {
        for (int depth = Json.MAX_DEPTH - 5; depth <= Json.MAX_DEPTH + 1; depth++) {
            Value v = Value.newBuilder().setNumberValue(1).build();
            for (int i = 0; i < depth; i++) {
                v = Value.newBuilder()
                        .setListValue(ListValue.newBuilder().addValues(v))
                        .build();
            }
            final SeldonMessage m = SeldonMessage.newBuilder()
                    .setData(DefaultData.newBuilder().setNdarray(v.getListValue()))
                    .build();
            assertReadEqualsJsonRoute(m, depth <= Json.MAX_DEPTH - 3);
        }
    }

    @Test
    void read_nonFiniteNumbers_leftToJsonRoute() {
        for (double d : new double[] {Double.NaN, Double.POSITIVE_INFINITY}) {
            final ListValue row = ListValue.newBuilder()
                    .addValues(Value.newBuilder().setNumberValue(d))
                    .addValues(Value.newBuilder().setNullValue(NullValue.NULL_VALUE))
                    .build();
            assertReadEqualsJsonRoute(
                    SeldonMessage.newBuilder()
                            .setData(DefaultData.newBuilder().setNdarray(row))
                            .build(),
                    false);
        }
    }

    private static void assertReadEqualsJsonRoute(SeldonMessage m, boolean direct) {
        final dev.slipway.protocol.v1.SeldonMessage fast = SeldonProtos.read(m);
        assertThat(fast != null).as("taken directly: %s", m).isEqualTo(direct);
        if (fast != null) {
            assertSame(fast, SeldonMessageReader.readMessage(SeldonProtoJson.toJson(m)));
        }
    }

    /** Answers of the data plane, and whether the direct route must take them. */
    static Stream<Arguments> answers() {
        final Meta meta = new Meta(
                "p-1",
                Map.of(),
                Map.of("router", 2),
                Map.of("scorer", "img:1"),
                List.of(
                        new Metric("c", Metric.Type.COUNTER, 1, Map.of()),
                        new Metric("g", Metric.Type.GAUGE, 0.1, Map.of("k", "v"))));
        final Tensor doubles = Tensor.ofDoubles(new double[] {1, 2.5, -3e10, 4.25e-7, 0.1, -0.0}, 2, 3);
        return Stream.of(
                Arguments.of(tensor(doubles, DataForm.NDARRAY, meta), true),
                Arguments.of(tensor(doubles, DataForm.TENSOR, meta), true),
                Arguments.of(tensor(doubles, DataForm.NONE, Meta.EMPTY), true),
                Arguments.of(tensor(doubles, DataForm.TFTENSOR, Meta.EMPTY), false),
                Arguments.of(
                        tensor(Tensor.ofFloats(new float[] {0.1f, 1e-30f, 3.4e38f}, 3), DataForm.NDARRAY, meta), true),
                Arguments.of(
                        tensor(Tensor.ofFloats(new float[] {0.1f, Float.NaN}, 1, 2), DataForm.TENSOR, meta), false),
                Arguments.of(
                        tensor(Tensor.ofFloats(new float[] {0.1f, Float.NaN}, 1, 2), DataForm.NDARRAY, meta), true),
                Arguments.of(tensor(Tensor.ofDoubles(new double[] {Double.NaN, 1}, 2), DataForm.NDARRAY, meta), true),
                Arguments.of(
                        tensor(Tensor.ofLongs(new long[] {1, -2, Long.MAX_VALUE}, 3, 1), DataForm.NDARRAY, meta), true),
                Arguments.of(tensor(Tensor.ofLongs(new long[] {1, -2, 3, 4}, 2, 2), DataForm.TENSOR, meta), true),
                Arguments.of(tensor(Tensor.ofInts(new int[] {7, 8}, 2), DataForm.NDARRAY, meta), true),
                Arguments.of(
                        tensor(Tensor.ofBooleans(new boolean[] {true, false}, 1, 2), DataForm.NDARRAY, meta), true),
                Arguments.of(tensor(Tensor.ofBooleans(new boolean[] {true, false}, 2), DataForm.TENSOR, meta), true),
                Arguments.of(tensor(Tensor.ofStrings(new String[] {"a", "é"}, 2), DataForm.TENSOR, meta), true),
                Arguments.of(tensor(Tensor.of(DataType.UINT64, new long[] {-1L}, 1), DataForm.NDARRAY, meta), false),
                Arguments.of(tensor(Tensor.ofBytes(new byte[][] {{1, 2}}, 1), DataForm.NDARRAY, meta), false),
                Arguments.of(tensor(Tensor.ofDoubles(new double[] {5}), DataForm.NDARRAY, meta), false),
                Arguments.of(tensor(Tensor.ofDoubles(new double[0], 2, 0), DataForm.NDARRAY, meta), true),
                Arguments.of(
                        tensor(
                                Tensor.ofDoubles(new double[] {1, 2, 3, 4, 5, 6, 7, 8}, 2, 2, 2),
                                DataForm.NDARRAY,
                                meta),
                        true),
                Arguments.of(
                        dev.slipway.protocol.v1.SeldonMessage.of(Payload.ofString("text \"q\""), DataForm.NONE, meta),
                        true),
                Arguments.of(
                        dev.slipway.protocol.v1.SeldonMessage.of(
                                Payload.ofBytes(new byte[] {0, 1, -1}), DataForm.NONE, meta),
                        true),
                Arguments.of(
                        dev.slipway.protocol.v1.SeldonMessage.of(
                                Payload.ofJson(Map.of("a", List.of(1, 2))), DataForm.NONE, meta),
                        false),
                Arguments.of(tensor(doubles, DataForm.NDARRAY, meta.withTags(Map.of("scorer", "linear"))), true),
                Arguments.of(tensor(doubles, DataForm.NDARRAY, meta.withTags(tags())), true),
                Arguments.of(tensor(doubles, DataForm.NDARRAY, meta.withTags(Map.of("big", BigInteger.TEN))), false),
                Arguments.of(tensor(doubles, DataForm.NDARRAY, meta.withTags(Map.of("o", new Object()))), false),
                Arguments.of(
                        tensor(
                                doubles,
                                DataForm.NDARRAY,
                                meta.withMetrics(List.of(new Metric("n", Metric.Type.TIMER, Double.NaN, Map.of())))),
                        false),
                Arguments.of(
                        dev.slipway.protocol.v1.SeldonMessage.failure(
                                Status.failure(400, "MICROSERVICE_BAD_DATA", "bad input")),
                        true),
                Arguments.of(
                        new dev.slipway.protocol.v1.SeldonMessage(
                                null, DataForm.NONE, Meta.EMPTY, new Status(0, null, null, "SUCCESS")),
                        true),
                Arguments.of(
                        new dev.slipway.protocol.v1.SeldonMessage(
                                null, DataForm.NONE, Meta.EMPTY, new Status(0, null, null, "odd")),
                        false));
    }

    /** Tags of every kind a model may return: text, numbers, booleans, null, nested maps and lists, arrays. */
    private static Map<String, Object> tags() {
        final Map<String, Object> nested = new LinkedHashMap<>();
        nested.put("n", null);
        nested.put("l", List.of(1, 2.5f, "x", List.of(true)));
        nested.put("d", new double[] {1.5, Double.NaN});
        final Map<String, Object> tags = new LinkedHashMap<>();
        tags.put("s", "text");
        tags.put("i", 3);
        tags.put("long", Long.MAX_VALUE);
        tags.put("f", 0.1f);
        tags.put("d", 0.1);
        tags.put("inf", Double.POSITIVE_INFINITY);
        tags.put("b", false);
        tags.put("nested", nested);
        return tags;
    }

    private static dev.slipway.protocol.v1.SeldonMessage tensor(Tensor t, DataForm form, Meta meta) {
        return dev.slipway.protocol.v1.SeldonMessage.of(Payload.of(t).withNames(List.of("a", "b")), form, meta);
    }

    @ParameterizedTest
    @MethodSource("answers")
    void writeThenRead_whenBothDirect_equalsJsonRoundTrip(
            dev.slipway.protocol.v1.SeldonMessage answer, boolean direct) {
        final byte[] bytes = SeldonWire.write(answer);
        final SeldonMessage fast = bytes == null ? null : parse(bytes);
        final dev.slipway.protocol.v1.SeldonMessage back = fast == null ? null : SeldonProtos.read(fast);
        if (back != null) {
            assertSame(back, SeldonMessageReader.readMessage(SeldonProtoJson.toJson(fast)));
        }
    }

    private static SeldonMessage parse(byte[] bytes) {
        try {
            return SeldonMessage.parseFrom(bytes);
        } catch (InvalidProtocolBufferException e) {
            throw new AssertionError(e);
        }
    }

    /** The same message: same JSON, form, meta, status and payload (tensor types and values included). */
    private static void assertSame(dev.slipway.protocol.v1.SeldonMessage a, dev.slipway.protocol.v1.SeldonMessage b) {
        assertThat(new String(SeldonMessageWriter.write(a), java.nio.charset.StandardCharsets.UTF_8))
                .isEqualTo(new String(SeldonMessageWriter.write(b), java.nio.charset.StandardCharsets.UTF_8));
        assertThat(a.form()).isEqualTo(b.form());
        assertThat(a.meta()).isEqualTo(b.meta());
        assertThat(a.status()).isEqualTo(b.status());
        final @Nullable Payload pa = a.payload();
        final @Nullable Payload pb = b.payload();
        assertThat(pa == null).isEqualTo(pb == null);
        if (pa != null && pb != null) {
            assertThat(pa.kind()).isEqualTo(pb.kind());
            assertThat(pa.names()).isEqualTo(pb.names());
            assertThat(pa.tags()).isEqualTo(pb.tags());
            assertThat(pa.string()).isEqualTo(pb.string());
            assertThat(Arrays.equals(pa.bytes(), pb.bytes())).isTrue();
            if (pa.kind() == Payload.Kind.TENSORS) {
                assertThat(pa.tensors()).isEqualTo(pb.tensors());
            }
        }
    }
}
