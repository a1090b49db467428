package dev.slipway.controlplane.requestlog;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.slipway.support.Mappers;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Tests for {@link EventLine}: a payload taken as it is (one JSON value on one line) and one streamed through the
 * parser both give one line whose payload reads back as the same JSON.
 */
class EventLineTest {

    private static final JsonMapper JSON = Mappers.json();

    /** A payload as received, and the JSON its line must read back. */
    private static final String[][] PAYLOADS = {
        {"{\"data\": {\"ndarray\": [[1.0, 2.0, 3e2, 1E-7]]}}", "{\"data\":{\"ndarray\":[[1.0,2.0,300.0,1.0E-7]]}}"},
        {"  [1, \"a\\nb\", true, null]  ", "[1,\"a\\nb\",true,null]"},
        {"{\"a\":\n1,\r\n\"b\":[2]}", "{\"a\":1,\"b\":[2]}"},
        {"{\"a\":1}{\"b\":2}", "{\"a\":1}"},
        {"\"text\"", "\"text\""},
        {"42", "42"},
        {"not json", "\"not json\""},
        {"{\"a\":", "\"{\\\"a\\\":\""},
        {"   ", "null"},
    };

    static Stream<Arguments> payloads() {
        return Stream.of(PAYLOADS).map(row -> Arguments.of((Object[]) row));
    }

    @ParameterizedTest
    @MethodSource("payloads")
    void of_rawPayload_isOneLineReadingBackAsTheJson(String raw, String expected) throws Exception {
        final byte[] line = new EventLine(JSON).of(event(), raw.getBytes(StandardCharsets.UTF_8));
        final String text = new String(line, StandardCharsets.UTF_8);
        assertThat(text).endsWith("\n");
        assertThat(text.substring(0, text.length() - 1)).doesNotContain("\n", "\r");
        final JsonNode read = JSON.readTree(line);
        assertThat(read.get("payload")).isEqualTo(JSON.readTree(expected));
        assertThat(read.get("id").asText()).isEqualTo("p-1");
        assertThat(read.get("node").asText()).isEqualTo("scorer");
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"a\":1}", "[[1,2]]"})
    void of_payloadWithByteOrderMark_isStreamed(String json) throws Exception {
        final byte[] body = ("\uFEFF" + json).getBytes(StandardCharsets.UTF_8);
        final byte[] line = new EventLine(JSON).of(event(), body);
        assertThat(JSON.readTree(line).get("payload")).isEqualTo(JSON.readTree(json));
    }

    private static RequestLogStore.Event event() {
        return new RequestLogStore.Event(
                Instant.parse("2026-12-05T12:00:00Z"),
                "p-1",
                "request",
                "default",
                "iris",
                "main",
                "scorer",
                null,
                false);
    }
}
