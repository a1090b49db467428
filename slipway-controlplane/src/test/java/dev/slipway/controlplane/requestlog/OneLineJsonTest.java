package dev.slipway.controlplane.requestlog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.slipway.support.Mappers;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Tests for {@link OneLineJson}: what it accepts, the mapper that reads request-log lines accepts too (as the whole
 * value, nothing after it); what it refuses goes the parser's way.
 */
class OneLineJsonTest {

    private static final JsonMapper JSON = Mappers.json();

    @ParameterizedTest
    @ValueSource(
            strings = {
                "{\"data\":{\"ndarray\":[[1.0, 2.0, 3.0, 4.0]]}}",
                "{\"meta\":{\"puid\":\"abc\",\"requestPath\":{\"scorer\":\"x:1\"}},\"data\":{\"names\":[\"t:0\"],"
                        + "\"ndarray\":[[0.5]]}}",
                "  [1, \"a\\nb\", true, false, null, -0, 0.5e-3, 1E+9, -12.25]\t",
                "\"text \\\" \\\\ \\/ \\b\\f\\n\\r\\t \\u00e9\\uD83D\\uDE00\"",
                "42",
                "-0.0",
                "true",
                "null",
                "{}",
                "[]",
                "[ ]",
                "{ }",
                "[[],{},[{}]]",
                "{\"a\":{\"a\":{\"a\":1}},\"b\":{\"a\":2}}",
                "{\"ab\":1,\"a\":2,\"b\":3,\"ba\":4}",
                "{\"a\" : 1 , \"b\" :[ 1 ,2 ] }"
            })
    void test_strictAsciiJsonOnOneLine_isAccepted_andTheMapperReadsItAsTheWholeValue(String json) throws Exception {
        assertThat(new OneLineJson().test(bytes(json))).isTrue();
        final String line = "{\"payload\":" + json + "}";
        assertThatCode(() -> JSON.readTree(line)).doesNotThrowAnyException();
        assertThat(JSON.readTree(line).get("payload")).isEqualTo(JSON.readTree(json));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "",
                "   ",
                "not json",
                "{\"a\":",
                "{\"a\":1}{\"b\":2}",
                "{\"a\":1} x",
                "[1,]",
                "[,1]",
                "{\"a\":1,}",
                "{,}",
                "{\"a\" 1}",
                "{a:1}",
                "{'a':1}",
                "['a']",
                "[01]",
                "[1.]",
                "[.5]",
                "[+1]",
                "[1e]",
                "[-]",
                "[0x10]",
                "[NaN]",
                "[Infinity]",
                "[tru]",
                "[truex]",
                "nullx",
                "[1 2]",
                "[\"a\" \"b\"]",
                "{\"a\":1 \"b\":2}",
                "[1]]",
                "[[1]",
                "{\"a\":1]",
                "[1}",
                "{\"a\":1,\"a\":2}",
                "{\"x\":{\"a\":1,\"b\":2,\"a\":3}}",
                "{\"a\":1,\"\\u0061\":2}",
                "[\"\\x\"]",
                "[\"\\u12G4\"]",
                "[\"\\u12\"]",
                "[\"a\tb\"]",
                "[\"unterminated]",
                "{\"a\":1}\n",
                "{\"a\":\n1}",
                "\r{\"a\":1}",
                "[\"é\"]",
                "\uFEFF{\"a\":1}",
                "[1] // comment",
                "/* c */ [1]"
            })
    void test_anythingElse_isRefused(String text) {
        assertThat(new OneLineJson().test(bytes(text))).as(text).isFalse();
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 10, OneLineJson.MAX_DEPTH})
    void test_nestingUpToTheLimit_isAccepted(int depth) {
        assertThat(new OneLineJson().test(bytes("[".repeat(depth) + "1" + "]".repeat(depth))))
                .isTrue();
        assertThat(new OneLineJson().test(bytes("{\"a\":".repeat(depth) + "1" + "}".repeat(depth))))
                .isTrue();
    }

    @ParameterizedTest
    @ValueSource(ints = {OneLineJson.MAX_DEPTH + 1, 64, 65, 10_000})
    void test_deeperNesting_orALongNumber_orManyKeys_isRefused(int size) {
        final OneLineJson check = new OneLineJson();
        assertThat(check.test(bytes("[".repeat(size) + "1" + "]".repeat(size)))).isFalse();
        assertThat(check.test(bytes("[" + "1".repeat(size * 20) + "]"))).isFalse();
        final StringBuilder keys = new StringBuilder("{");
        for (int i = 0; i < size * 3; i++) {
            keys.append(i == 0 ? "" : ",").append("\"k").append(i).append("\":").append(i);
        }
        assertThat(check.test(bytes(keys.append('}').toString()))).isFalse();
        assertThat(check.test(bytes("[1]"))).as("reusable after a refusal").isTrue();
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
