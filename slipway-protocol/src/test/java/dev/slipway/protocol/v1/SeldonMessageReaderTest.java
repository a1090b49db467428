package dev.slipway.protocol.v1;

import static dev.slipway.protocol.Golden.utf8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.slipway.model.DataType;
import dev.slipway.model.Metric;
import dev.slipway.model.Payload;
import dev.slipway.protocol.ProtocolException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Tests for {@link SeldonMessageReader}: every payload type the Python SeldonClient sends, and bad input. */
class SeldonMessageReaderTest {

    @Test
    void readMessage_clientNdarrayWithNamesAndTags() {
        SeldonMessage m = SeldonMessageReader.readMessage(
                utf8(
                        "{\"meta\": {\"tags\": {\"k\": \"v\"}}, \"data\": {\"names\": [\"a\", \"b\", \"c\", \"d\"], \"ndarray\": [[5.1, 3.5, 1.4, 0.2]]}}"));
        assertThat(m.form()).isEqualTo(DataForm.NDARRAY);
        assertThat(m.payload().tensor().shape()).containsExactly(1, 4);
        assertThat(m.payload().tensor().doubles()).containsExactly(5.1, 3.5, 1.4, 0.2);
        assertThat(m.payload().names()).containsExactly("a", "b", "c", "d");
        assertThat(m.meta().tags()).isEqualTo(Map.of("k", "v"));
        assertThat(m.payload().tags()).isEqualTo(Map.of("k", "v"));
    }

    @Test
    void readMessage_clientTensor() {
        SeldonMessage m = SeldonMessageReader.readMessage(
                utf8("{\"meta\": {}, \"data\": {\"tensor\": {\"shape\": [1, 4], \"values\": [5.1, 3.5, 1.4, 0.2]}}}"));
        assertThat(m.form()).isEqualTo(DataForm.TENSOR);
        assertThat(m.payload().tensor().type()).isEqualTo(DataType.FP64);
        assertThat(m.payload().tensor().shape()).containsExactly(1, 4);
    }

    @Test
    void readMessage_tftensorAsTensorFlowWritesIt() {
        // 1x4 float64 [5.1, 3.5, 1.4, 0.2] little-endian, as make_tensor_proto packs it.
        java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(32).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        for (double d : new double[] {5.1, 3.5, 1.4, 0.2}) {
            b.putDouble(d);
        }
        String content = java.util.Base64.getEncoder().encodeToString(b.array());
        SeldonMessage m = SeldonMessageReader.readMessage(utf8(
                "{\"meta\": {}, \"data\": {\"tftensor\": {\"dtype\": \"DT_DOUBLE\", \"tensorShape\": {\"dim\": [{\"size\": \"1\"}, {\"size\": \"4\"}]}, \"tensorContent\": \""
                        + content + "\"}}}"));
        assertThat(m.form()).isEqualTo(DataForm.TFTENSOR);
        assertThat(m.payload().tensor().doubles()).containsExactly(5.1, 3.5, 1.4, 0.2);
        assertThat(m.payload().tensor().shape()).containsExactly(1, 4);
    }

    @Test
    void readMessage_tftensorTypedValuesAndBroadcast() {
        SeldonMessage m = SeldonMessageReader.readMessage(
                utf8(
                        "{\"data\": {\"tftensor\": {\"dtype\": \"DT_FLOAT\", \"tensor_shape\": {\"dim\": [{\"size\": 3}]}, \"float_val\": [2.5]}}}"));
        assertThat(m.payload().tensor().floats()).containsExactly(2.5f, 2.5f, 2.5f);
        SeldonMessage s = SeldonMessageReader.readMessage(
                utf8(
                        "{\"data\": {\"tftensor\": {\"dtype\": \"DT_STRING\", \"tensorShape\": {\"dim\": [{\"size\": \"1\"}]}, \"stringVal\": [\"aGk=\"]}}}"));
        assertThat(s.payload().tensor().toStrings()).containsExactly("hi");
    }

    @Test
    void readMessage_strBinJsonData() {
        assertThat(SeldonMessageReader.readMessage(utf8("{\"meta\": {}, \"strData\": \"hello\"}"))
                        .payload()
                        .string())
                .isEqualTo("hello");
        assertThat(new String(
                        SeldonMessageReader.readMessage(utf8("{\"meta\": {}, \"binData\": \"AAFoaQ==\"}"))
                                .payload()
                                .bytes(),
                        StandardCharsets.ISO_8859_1))
                .isEqualTo("\u0000\u0001hi");
        Payload json = SeldonMessageReader.readMessage(utf8("{\"jsonData\": {\"a\": [1.0, 2.0]}}"))
                .payload();
        assertThat(json.kind()).isEqualTo(Payload.Kind.JSON);
        assertThat(json.json()).isEqualTo(Map.of("a", List.of(1.0, 2.0)));
    }

    @Test
    void readMessage_metaFields() {
        SeldonMessage m = SeldonMessageReader.readMessage(
                utf8(
                        "{\"meta\": {\"puid\": \"ab12\", \"routing\": {\"r\": 1}, \"requestPath\": {\"m\": \"img:1\"}, \"metrics\": [{\"key\": \"c\", \"type\": \"GAUGE\", \"value\": 3, \"tags\": {\"x\": \"y\"}}]}, \"strData\": \"s\"}"));
        assertThat(m.meta().puid()).isEqualTo("ab12");
        assertThat(m.meta().routing()).isEqualTo(Map.of("r", 1));
        assertThat(m.meta().requestPath()).isEqualTo(Map.of("m", "img:1"));
        assertThat(m.meta().metrics()).containsExactly(new Metric("c", Metric.Type.GAUGE, 3, Map.of("x", "y")));
    }

    @Test
    void readFeedback_asTheClientSendsIt() {
        FeedbackMessage f = SeldonMessageReader.readFeedback(
                utf8("{\"request\": {\"meta\": {}, \"data\": {\"ndarray\": [[5.1, 3.5, 1.4, 0.2]]}},"
                        + " \"response\": {\"status\": {\"code\": 200}, \"meta\": {\"puid\": \"ab12cd\", \"requestPath\": {\"model\": \"img:1\"}}, \"data\": {\"names\": [\"t:0\", \"t:1\", \"t:2\"], \"ndarray\": [[0.1, 0.2, 0.7]]}},"
                        + " \"reward\": 1.0}"));
        assertThat(f.reward()).isEqualTo(1.0);
        assertThat(f.request().payload().tensor().size()).isEqualTo(4);
        assertThat(f.response().meta().puid()).isEqualTo("ab12cd");
        assertThat(f.response().status().code()).isEqualTo(200);
        assertThat(f.truth()).isNull();
    }

    @Test
    void readList_forCombiners() {
        List<SeldonMessage> l = SeldonMessageReader.readList(
                utf8("{\"seldonMessages\": [{\"data\": {\"ndarray\": [1]}}, {\"data\": {\"ndarray\": [2]}}]}"));
        assertThat(l).hasSize(2);
        assertThatThrownBy(() -> SeldonMessageReader.readList(utf8("{}")))
                .hasMessageContaining("seldonMessages: missing");
    }

    @ParameterizedTest(name = "{1}")
    @CsvSource(
            delimiter = '|',
            value = {
                "''                                                          | empty body",
                "{\"data\": {\"ndarray\": [1, 2}                             | malformed JSON",
                "[1, 2]                                                      | expected a JSON object (SeldonMessage) but found an array",
                "{\"data\": {\"ndarray\": [1]}} xyz                          | malformed JSON",
                "{\"data\": {}}                                              | data: expected one of ndarray, tensor or tftensor",
                "{\"data\": [1]}                                             | data: expected an object with ndarray, tensor or tftensor",
                "{\"data\": {\"ndarray\": [1], \"tensor\": {\"values\": [1]}}} | data.tensor: data holds one of ndarray, tensor, tftensor, but ndarray is also set",
                "{\"data\": {\"ndarray\": [1]}, \"strData\": \"x\"}          | strData: a message holds one of data, strData, binData, jsonData, but data is also set",
                "{\"data\": {\"tensor\": {\"shape\": [2, 2], \"values\": [1, 2, 3]}}} | data.tensor: shape [2, 2] needs 4 values but 3 were given",
                "{\"data\": {\"tensor\": {\"shape\": [1], \"values\": [\"a\"]}}} | data.tensor.values: expected a flat array of numbers",
                "{\"data\": {\"tensor\": {\"shape\": [-1], \"values\": []}}}   | data.tensor.shape: dimensions must not be negative",
                "{\"data\": {\"names\": [1], \"ndarray\": [1]}}              | data.names[0]: expected a string but found a number",
                "{\"strData\": 5}                                            | strData: expected a string but found a number",
                "{\"binData\": \"@@@\"}                                      | binData: not valid base64",
                "{\"meta\": {\"routing\": {\"r\": \"x\"}}, \"strData\": \"s\"} | meta.routing.r: expected an integer but found a string",
                "{\"meta\": {\"metrics\": [{\"key\": \"k\", \"type\": \"X\"}]}} | meta.metrics[0].type: 'X' is not one of COUNTER, GAUGE, TIMER",
                "{\"meta\": {\"tags\": []}}                                  | meta.tags: expected an object",
                "{\"data\": {\"tftensor\": {\"dtype\": \"DT_RESOURCE\"}}}    | data.tftensor.dtype: unsupported TensorFlow dtype DT_RESOURCE",
                "{\"data\": {\"tftensor\": {\"dtype\": \"DT_FLOAT\", \"tensorShape\": {\"dim\": [{\"size\": \"2\"}]}, \"tensorContent\": \"AAAA\"}}} | data.tftensor.tensorContent: holds 3 bytes but shape needs 8",
                "{\"customData\": {}}                                        | customData: protobuf Any payloads are not supported",
            })
    void readMessage_badInput_namesTheField(String body, String message) {
        assertThatThrownBy(() -> SeldonMessageReader.readMessage(utf8(body)))
                .isInstanceOf(ProtocolException.class)
                .hasMessageContaining(message);
    }

    @Test
    void readMessage_malformed_saysWhere() {
        assertThatThrownBy(() -> SeldonMessageReader.readMessage(utf8("{\n \"data\": nope}")))
                .hasMessageContaining("line 2");
    }
}
