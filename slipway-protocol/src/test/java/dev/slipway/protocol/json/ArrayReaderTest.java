package dev.slipway.protocol.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonParser;
import dev.slipway.model.DataType;
import dev.slipway.model.Tensor;
import dev.slipway.protocol.Golden;
import dev.slipway.protocol.ProtocolException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Tests for {@link ArrayReader}: numpy-like type and shape inference, and every refusal. */
class ArrayReaderTest {

    static Tensor read(String json) throws Exception {
        try (JsonParser p = Json.parser(Golden.utf8(json))) {
            p.nextToken();
            return ArrayReader.read(p, "data.ndarray");
        }
    }

    @ParameterizedTest(name = "{0} -> {1} {2}")
    @CsvSource(
            delimiter = '|',
            value = {
                "[[5.1, 3.5, 1.4, 0.2]]        | FP64   | [1, 4]    | 5.1, 3.5, 1.4, 0.2",
                "[[1, 2], [3, 4]]              | INT64  | [2, 2]    | 1, 2, 3, 4",
                "[1, 2.5]                      | FP64   | [2]       | 1.0, 2.5",
                "[\"a\", \"b\"]                | STRING | [2]       | a, b",
                "[[\"x\"], [\"y\"]]            | STRING | [2, 1]    | x, y",
                "[true, false]                 | BOOL   | [2]       | true, false",
                "[true, 2]                     | INT64  | [2]       | 1, 2",
                "[1, \"a\", 2.5, true]         | STRING | [4]       | 1, a, 2.5, True",
                "[1, null]                     | FP64   | [2]       | 1.0, NaN",
                "[\"a\", null]                 | STRING | [2]       | a, None",
                "[]                            | FP64   | [0]       | ''",
                "[[], []]                      | FP64   | [2, 0]    | ''",
                "[[[1], [2]], [[3], [4]]]      | INT64  | [2, 2, 1] | 1, 2, 3, 4",
                "[18446744073709551616]        | FP64   | [1]       | 1.8446744073709552E19",
            })
    void read_infersTypeAndShape(String json, DataType type, String shape, String values) throws Exception {
        Tensor t = read(json);
        assertThat(t.type()).isEqualTo(type);
        assertThat(java.util.Arrays.toString(t.shape())).isEqualTo(shape);
        assertThat(String.join(", ", t.toStrings())).isEqualTo(values.equals("''") ? "" : values);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "[[1, 2], [3]]            | ragged array: data.ndarray[1] has 1 elements but its siblings have 2",
                "[[1, 2], 3]              | ragged array: data.ndarray[1] mixes nested arrays and values",
                "[1, [2]]                 | ragged array: data.ndarray[1] mixes nested arrays and values",
                "[[1], [[2]]]             | ragged array",
                "[{\"a\": 1}]             | data.ndarray[0]: array elements must be numbers, strings or booleans, not an object",
                "{\"a\": 1}               | data.ndarray: expected an array but found an object",
            })
    void read_refusesWithThePath(String json, String message) {
        assertThatThrownBy(() -> read(json))
                .isInstanceOf(ProtocolException.class)
                .hasMessageContaining(message);
    }

    @org.junit.jupiter.api.Test
    void read_deepNesting_isRefusedBeforeExhaustingTheStack() {
        String json = "[".repeat(5000) + "]".repeat(5000);
        assertThatThrownBy(() -> read(json)).hasMessageContaining("nest");
    }
}
