package dev.slipway.protocol.v1;

import static org.assertj.core.api.Assertions.assertThat;

import dev.slipway.model.DataType;
import dev.slipway.model.Metric;
import dev.slipway.model.Payload;
import dev.slipway.model.Tensor;
import dev.slipway.protocol.Golden;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Tests for {@link SeldonMessageWriter} against golden JSON, and round trips of every payload type. */
class SeldonMessageWriterTest {

    static String json(SeldonMessage m) {
        return new String(SeldonMessageWriter.write(m), StandardCharsets.UTF_8);
    }

    @Test
    void write_ndarrayWithFullMeta_matchesGolden() {
        Meta meta = new Meta(
                "p1",
                Map.of("k", "v"),
                Map.of("router", 1),
                Map.of("classifier", "SKLEARN_SERVER"),
                List.of(Metric.counter("calls", 1)));
        Payload p = Payload.of(Tensor.ofDoubles(new double[] {0.1, 0.2, 0.7, 1, 0, 0}, 2, 3))
                .withNames(List.of("t:0", "t:1", "t:2"));
        assertThat(json(SeldonMessage.of(p, DataForm.NDARRAY, meta)))
                .isEqualTo(Golden.read("v1-response-ndarray.json"));
    }

    @Test
    void write_tensor_matchesGolden() {
        Payload p = Payload.of(Tensor.ofDoubles(new double[] {1, 2, 3, 4.5}, 2, 2));
        assertThat(json(SeldonMessage.of(p, DataForm.TENSOR, Meta.EMPTY)))
                .isEqualTo(Golden.read("v1-response-tensor.json"));
    }

    @Test
    void write_failure_matchesGolden() {
        assertThat(json(SeldonMessage.failure(Status.failure(400, "MICROSERVICE_BAD_DATA", "data.ndarray: bad"))))
                .isEqualTo(Golden.read("v1-error.json"));
    }

    @Test
    void write_stringsAsTensor_fallsBackToNdarray() {
        Payload p = Payload.of(Tensor.ofStrings(new String[] {"a"}, 1));
        assertThat(json(SeldonMessage.of(p, DataForm.TENSOR, Meta.EMPTY))).contains("\"ndarray\":[\"a\"]");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "{\"meta\":{},\"data\":{\"names\":[],\"ndarray\":[[5.1,3.5,1.4,0.2]]}}",
                "{\"meta\":{},\"data\":{\"names\":[\"a\"],\"ndarray\":[\"some text\",\"more\"]}}",
                "{\"meta\":{},\"data\":{\"names\":[],\"ndarray\":[0,1]}}",
                "{\"meta\":{},\"data\":{\"names\":[],\"ndarray\":[true,false]}}",
                "{\"meta\":{},\"data\":{\"names\":[],\"tensor\":{\"shape\":[1,4],\"values\":[5.1,3.5,1.4,0.2]}}}",
                "{\"meta\":{},\"data\":{\"names\":[],\"tftensor\":{\"dtype\":\"DT_DOUBLE\",\"tensorShape\":{\"dim\":[{\"size\":\"1\"},{\"size\":\"2\"}]},\"tensorContent\":\"AAAAAAAA8D8AAAAAAAAAQA==\"}}}",
                "{\"meta\":{},\"data\":{\"names\":[],\"tftensor\":{\"dtype\":\"DT_STRING\",\"tensorShape\":{\"dim\":[{\"size\":\"1\"}]},\"stringVal\":[\"aGk=\"]}}}",
                "{\"meta\":{},\"strData\":\"hello\"}",
                "{\"meta\":{},\"binData\":\"AAFoaQ==\"}",
                "{\"meta\":{\"tags\":{\"k\":\"v\"}},\"jsonData\":{\"a\":[1.0,2.0],\"b\":null,\"c\":true}}",
            })
    void roundTrip_everyPayloadType(String body) {
        SeldonMessage m = SeldonMessageReader.readMessage(Golden.utf8(body));
        assertThat(json(m)).isEqualTo(body);
    }

    @Test
    void write_nonFiniteNumbers_areNullSoTheJsonStaysValid() {
        Payload p = Payload.of(Tensor.ofDoubles(new double[] {Double.NaN, 1}, 2));
        assertThat(json(SeldonMessage.of(p, DataForm.NDARRAY, Meta.EMPTY))).contains("[null,1.0]");
    }

    @Test
    void write_int32AndFloat32_asNumbers() {
        assertThat(json(SeldonMessage.of(
                        Payload.of(Tensor.of(DataType.INT32, new int[] {1, 2}, 2)), DataForm.NDARRAY, Meta.EMPTY)))
                .contains("[1,2]");
        assertThat(json(SeldonMessage.of(
                        Payload.of(Tensor.ofFloats(new float[] {0.5f}, 1)), DataForm.TENSOR, Meta.EMPTY)))
                .contains("\"values\":[0.5]");
    }

    @Test
    void writeFeedback_andList_roundTrip() {
        SeldonMessage m = SeldonMessageReader.readMessage(Golden.utf8("{\"data\":{\"ndarray\":[1]}}"));
        FeedbackMessage f = new FeedbackMessage(m, m, 0.5, null);
        FeedbackMessage back = SeldonMessageReader.readFeedback(SeldonMessageWriter.writeFeedback(f));
        assertThat(back.reward()).isEqualTo(0.5);
        assertThat(back.request().payload().tensor().longs()).containsExactly(1);
        assertThat(SeldonMessageReader.readList(SeldonMessageWriter.writeList(List.of(m, m))))
                .hasSize(2);
    }
}
