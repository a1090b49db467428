package dev.slipway.controlplane.requestlog;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.slipway.support.Mappers;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
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

    @Test
    void of_compactPayload_writtenDirectly_isTheLineTheGeneratorWrites_atEveryPrecisionOfTime() throws Exception {
        final String payload = "{\"meta\":{\"puid\":\"p-1\"},\"data\":{\"names\":[\"t:0\"],\"ndarray\":[[1.5,2]]}}";
        final EventLine lines = new EventLine(JSON); // one writer: its text of the second is reused and renewed
        for (final String time : List.of(
                "2026-12-05T12:00:00Z",
                "2026-12-05T12:00:00.100Z",
                "2026-12-05T12:00:00.000100Z",
                "2026-12-05T12:00:00.000000001Z",
                "2026-12-05T12:00:01.120Z",
                "2026-12-05T12:00:01.999999999Z",
                "1970-01-01T00:00:00.500Z",
                "2026-12-05T12:00:01.000001Z")) {
            final Instant at = Instant.parse(time);
            final byte[] direct = lines.of(event(at, null, false), payload.getBytes(StandardCharsets.UTF_8));
            final byte[] generated = lines.of(event(at, JSON.readTree(payload), false));
            assertThat(new String(direct, StandardCharsets.UTF_8))
                    .isEqualTo(new String(generated, StandardCharsets.UTF_8))
                    .startsWith("{\"time\":\"" + at + "\",");
            assertThat(Instant.parse(JSON.readTree(direct).get("time").asText()))
                    .isEqualTo(at);
        }
    }

    @Test
    void writeDirect_atAnOffset_writesTheLineOfOf_andOtherEventsAreNotDirect() throws Exception {
        final EventLine lines = new EventLine(JSON);
        final byte[] raw = "{\"data\":{\"ndarray\":[[1,2]]}}".getBytes(StandardCharsets.UTF_8);
        final RequestLogStore.Event e = event(Instant.parse("2026-12-05T12:00:00.123Z"), null, false);
        final byte[] expected = lines.of(e, raw);
        final int length = lines.directLength(e, raw);
        assertThat(length).isEqualTo(expected.length);
        final byte[] into = new byte[length + 20];
        lines.writeDirect(e, raw, into, 13);
        assertThat(java.util.Arrays.copyOfRange(into, 13, 13 + length)).isEqualTo(expected);
        assertThat(java.util.Arrays.copyOfRange(into, 0, 13)).containsOnly(0);
        assertThat(java.util.Arrays.copyOfRange(into, 13 + length, into.length)).containsOnly(0);
        assertThat(lines.directLength(e, "{\"a\":\n1}".getBytes(StandardCharsets.UTF_8)))
                .as("a payload over two lines is streamed by of()")
                .isEqualTo(-1);
        assertThat(lines.directLength(event(Instant.EPOCH, JSON.readTree("[1]"), false), null))
                .as("a tree")
                .isEqualTo(-1);
    }

    @Test
    void of_truncatedOrEmptyPayload_isNull() throws Exception {
        final EventLine lines = new EventLine(JSON);
        final Instant at = Instant.parse("2026-12-05T12:00:00.25Z");
        assertThat(new String(lines.of(event(at, null, true), null), StandardCharsets.UTF_8))
                .isEqualTo("{\"time\":\"2026-12-05T12:00:00.250Z\",\"id\":\"p-1\",\"type\":\"request\","
                        + "\"predictor\":\"main\",\"node\":\"scorer\",\"payload\":null,\"truncated\":true}\n");
        assertThat(JSON.readTree(lines.of(event(at, null, false), new byte[0]))
                        .get("payload")
                        .isNull())
                .isTrue();
    }

    @Test
    void of_namesThatNeedEscaping_areEscaped() throws Exception {
        final RequestLogStore.Event odd = new RequestLogStore.Event(
                Instant.parse("2026-12-05T12:00:00Z"),
                "p\"1",
                "request",
                "default",
                "iris",
                "a\\b",
                "n\u00e9",
                null,
                false);
        final JsonNode read = JSON.readTree(new EventLine(JSON).of(odd, "[1]".getBytes(StandardCharsets.UTF_8)));
        assertThat(read.get("id").asText()).isEqualTo("p\"1");
        assertThat(read.get("predictor").asText()).isEqualTo("a\\b");
        assertThat(read.get("node").asText()).isEqualTo("n\u00e9");
        assertThat(read.get("payload")).isEqualTo(JSON.readTree("[1]"));
    }

    private static RequestLogStore.Event event() {
        return event(Instant.parse("2026-12-05T12:00:00Z"), null, false);
    }

    private static RequestLogStore.Event event(Instant time, JsonNode payload, boolean truncated) {
        return new RequestLogStore.Event(
                time, "p-1", "request", "default", "iris", "main", "scorer", payload, truncated);
    }
}
