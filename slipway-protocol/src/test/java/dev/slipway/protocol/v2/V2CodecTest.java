package dev.slipway.protocol.v2;

import static dev.slipway.protocol.Golden.utf8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.slipway.model.DataType;
import dev.slipway.model.ModelMetadata;
import dev.slipway.model.Payload;
import dev.slipway.model.Tensor;
import dev.slipway.model.TensorSpec;
import dev.slipway.protocol.Golden;
import dev.slipway.protocol.ProtocolException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Tests for {@link V2Codec}: every OIP datatype, nested and flat data, and bad input. */
class V2CodecTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "BOOL   | [true, false]  | true, false",
                "UINT8  | [0, 255]       | 0, 255",
                "UINT16 | [0, 65535]     | 0, 65535",
                "UINT32 | [0, 4294967295] | 0, 4294967295",
                "UINT64 | [0, 5]         | 0, 5",
                "INT8   | [-128, 127]    | -128, 127",
                "INT16  | [-1, 2]        | -1, 2",
                "INT32  | [-1, 2]        | -1, 2",
                "INT64  | [-1, 2]        | -1, 2",
                "FP16   | [0.5, 2]       | 0.5, 2.0",
                "FP32   | [0.5, 2]       | 0.5, 2.0",
                "FP64   | [0.5, 2]       | 0.5, 2.0",
                "BYTES  | [\"a\", \"b\"] | a, b",
            })
    void readRequest_everyDatatype_roundTrips(String datatype, String data, String text) {
        String body = "{\"id\":\"r1\",\"inputs\":[{\"name\":\"x\",\"shape\":[2],\"datatype\":\"" + datatype
                + "\",\"data\":" + data + "}]}";
        InferenceRequest r = V2Codec.readRequest(utf8(body));
        Tensor t = r.inputs().tensor("x");
        assertThat(String.join(", ", t.toStrings())).isEqualTo(text);
        assertThat(t.type()).isEqualTo(datatype.equals("BYTES") ? DataType.STRING : DataType.valueOf(datatype));
        InferenceRequest back = V2Codec.readRequest(V2Codec.writeRequest(r));
        assertThat(back.inputs().tensor("x")).isEqualTo(t);
        assertThat(back.id()).isEqualTo("r1");
    }

    @Test
    void readRequest_nestedData_isFlattenedByShape() {
        InferenceRequest r = V2Codec.readRequest(
                utf8(
                        "{\"inputs\":[{\"name\":\"x\",\"shape\":[2,2],\"datatype\":\"FP32\",\"data\":[[1,2],[3,4]]}],\"outputs\":[{\"name\":\"proba\"}],\"parameters\":{\"content_type\":\"np\"}}"));
        assertThat(r.inputs().tensor("x").floats()).containsExactly(1f, 2f, 3f, 4f);
        assertThat(r.inputs().tensor("x").shape()).containsExactly(2, 2);
        assertThat(r.requestedOutputs()).containsExactly("proba");
        assertThat(r.parameters()).containsEntry("content_type", "np");
    }

    @Test
    void writeResponse_matchesGolden() {
        Map<String, Tensor> outs = new LinkedHashMap<>();
        outs.put("predict", Tensor.ofLongs(new long[] {0, 2}, 2));
        outs.put("proba", Tensor.ofDoubles(new double[] {0.25, 0.75}, 1, 2));
        outs.put("label", Tensor.ofStrings(new String[] {"setosa", "virginica"}, 2));
        InferenceResponse r = new InferenceResponse("iris", "1", "r1", Map.of(), Payload.ofTensors(outs));
        assertThat(new String(V2Codec.writeResponse(r), StandardCharsets.UTF_8))
                .isEqualTo(Golden.read("v2-response.json"));
        assertThat(V2Codec.readResponse(utf8(Golden.read("v2-response.json")))
                        .outputs()
                        .tensors())
                .isEqualTo(outs);
    }

    @Test
    void writeModelMetadata_listsInputsAndOutputs() {
        ModelMetadata m = new ModelMetadata(
                "sklearn",
                List.of("1"),
                List.of(new TensorSpec("input-0", DataType.FP64, new long[] {-1, 4})),
                List.of(new TensorSpec("predict", DataType.STRING, new long[] {-1})),
                Map.of("n_features_in_", 4));
        assertThat(new String(V2Codec.writeModelMetadata("iris", m), StandardCharsets.UTF_8))
                .isEqualTo(
                        "{\"name\":\"iris\",\"versions\":[\"1\"],\"platform\":\"sklearn\",\"inputs\":[{\"name\":\"input-0\",\"datatype\":\"FP64\",\"shape\":[-1,4]}],"
                                + "\"outputs\":[{\"name\":\"predict\",\"datatype\":\"BYTES\",\"shape\":[-1]}],\"parameters\":{\"n_features_in_\":4}}");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "{}                                                                                    | inputs: missing or empty",
                "{\"inputs\":[]}                                                                       | inputs: missing or empty",
                "{\"inputs\":{}}                                                                       | inputs: expected an array of tensors",
                "{\"inputs\":[{\"shape\":[1],\"datatype\":\"FP32\",\"data\":[1]}]}                     | inputs[0].name: missing",
                "{\"inputs\":[{\"name\":\"x\",\"datatype\":\"FP32\",\"data\":[1]}]}                    | inputs[0].shape: missing",
                "{\"inputs\":[{\"name\":\"x\",\"shape\":[1],\"data\":[1]}]}                            | inputs[0].datatype: missing",
                "{\"inputs\":[{\"name\":\"x\",\"shape\":[1],\"datatype\":\"FP32\"}]}                   | inputs[0].data: missing",
                "{\"inputs\":[{\"name\":\"x\",\"shape\":[1],\"datatype\":\"FP99\",\"data\":[1]}]}      | inputs[0].datatype: unknown datatype 'FP99'",
                "{\"inputs\":[{\"name\":\"x\",\"shape\":[3],\"datatype\":\"FP32\",\"data\":[1,2]}]}    | inputs[0] ('x'): shape [3] needs 3 elements but data has 2",
                "{\"inputs\":[{\"name\":\"x\",\"shape\":[1],\"datatype\":\"FP32\",\"data\":[\"a\"]}]}  | inputs[0] ('x'): datatype FP32 needs numbers but data holds strings",
                "{\"inputs\":[{\"name\":\"x\",\"shape\":[1],\"datatype\":\"INT32\",\"data\":[1.5]}]}   | datatype INT32 needs integers but data holds fractional numbers",
                "{\"inputs\":[{\"name\":\"x\",\"shape\":[1],\"datatype\":\"UINT8\",\"data\":[256]}]}   | inputs[0] ('x').data[0]: 256 is out of range for UINT8",
                "{\"inputs\":[{\"name\":\"x\",\"shape\":[1],\"datatype\":\"BOOL\",\"data\":[1]}]}      | datatype BOOL needs true/false values",
                "{\"inputs\":[{\"name\":\"x\",\"shape\":[-1],\"datatype\":\"FP32\",\"data\":[]}]}      | inputs[0].shape: dimensions must not be negative",
                "{\"inputs\":[{\"name\":\"x\",\"shape\":[1],\"datatype\":\"FP32\",\"data\":[1]},{\"name\":\"x\",\"shape\":[1],\"datatype\":\"FP32\",\"data\":[1]}]} | inputs[1].name: 'x' is given twice",
                "[1]                                                                                   | expected a JSON object but found an array",
            })
    void readRequest_badInput_namesTheField(String body, String message) {
        assertThatThrownBy(() -> V2Codec.readRequest(utf8(body)))
                .isInstanceOf(ProtocolException.class)
                .hasMessageContaining(message);
    }
}
