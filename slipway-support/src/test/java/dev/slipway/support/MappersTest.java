package dev.slipway.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Tests for {@link Mappers}, mostly hostile input. */
class MappersTest {

    record Stamp(Instant at, Duration took) {}

    @Test
    void json_timeValues_roundTripAsIsoText() throws IOException {
        final ObjectMapper json = Mappers.json();
        final String text =
                json.writeValueAsString(new Stamp(Instant.parse("2026-12-05T03:00:00Z"), Duration.ofSeconds(90)));
        assertThat(text).isEqualTo("{\"at\":\"2026-12-05T03:00:00Z\",\"took\":\"PT1M30S\"}");
        assertThat(json.readValue(text, Stamp.class).took()).isEqualTo(Duration.ofSeconds(90));
    }

    @Test
    void json_deepNesting_refused() {
        final String deep = "[".repeat(Limits.DEFAULT.maxDepth() + 1) + "]".repeat(Limits.DEFAULT.maxDepth() + 1);
        assertThatThrownBy(() -> Mappers.json().readTree(deep)).hasMessageContaining("nesting depth");
    }

    @Test
    void json_nestingAtLimit_accepted() throws IOException {
        final String ok = "[".repeat(Limits.DEFAULT.maxDepth()) + "]".repeat(Limits.DEFAULT.maxDepth());
        assertThat(Mappers.json().readTree(ok).isArray()).isTrue();
    }

    @Test
    void json_longString_refused() {
        final Limits small = Limits.DEFAULT.withMaxStringChars(1000);
        final String body = "{\"a\":\"" + "x".repeat(1001) + "\"}";
        assertThatThrownBy(() -> Mappers.json(small).readTree(body)).hasMessageContaining("String value length");
    }

    @Test
    void json_documentOverSize_refused() {
        final Limits small = Limits.DEFAULT.withMaxDocumentBytes(100);
        final String body = "[" + "1,".repeat(100) + "1]";
        assertThatThrownBy(() -> Mappers.json(small).readTree(body)).hasMessageContaining("Document length");
    }

    @Test
    void json_duplicateKey_refused() {
        assertThatThrownBy(() -> Mappers.json().readTree("{\"a\":1,\"a\":2}"))
                .hasMessageContaining("Duplicate field 'a'");
    }

    @Test
    void json_payload_duplicateKeyLastWins() throws IOException {
        assertThat(Mappers.json(Limits.PAYLOAD)
                        .readTree("{\"a\":1,\"a\":2}")
                        .path("a")
                        .asInt())
                .isEqualTo(2);
    }

    @Test
    void json_newMapperEachCall_featuresDoNotLeak() {
        final ObjectMapper a = Mappers.json();
        a.enable(com.fasterxml.jackson.databind.SerializationFeature.INDENT_OUTPUT);
        assertThat(Mappers.json().isEnabled(com.fasterxml.jackson.databind.SerializationFeature.INDENT_OUTPUT))
                .isFalse();
    }

    @Test
    void yaml_plainDocument_read() throws IOException {
        final JsonNode tree = Mappers.yaml().readTree("a: 1\nb: [x, y]\n");
        assertThat(tree.path("b").get(1).asText()).isEqualTo("y");
    }

    @Test
    void yaml_write_noStartMarkerMinimalQuotes() throws IOException {
        assertThat(Mappers.yaml().writeValueAsString(Map.of("name", "staging"))).isEqualTo("name: staging\n");
    }

    @Test
    void yaml_aliasBomb_notExpanded() throws IOException {
        final StringBuilder bomb = new StringBuilder("a: &a [x, x, x, x, x, x, x, x, x, x]\n");
        for (char c = 'b'; c <= 'j'; c++) {
            final char prev = (char) (c - 1);
            bomb.append(c).append(": &").append(c).append(" [");
            for (int i = 0; i < 10; i++) {
                bomb.append(i == 0 ? "" : ", ").append('*').append(prev);
            }
            bomb.append("]\n");
        }
        // Jackson's YAML parser never expands an alias (it reads as the anchor's name), so a bomb stays small
        final String tree = Mappers.yaml().readTree(bomb.toString()).toString();
        assertThat(tree.length()).isLessThan(2_000);
    }

    @Test
    void yaml_deepNesting_refused() {
        final String deep = "[".repeat(200) + "]".repeat(200);
        assertThatThrownBy(() -> Mappers.yaml().readTree(deep)).hasMessageContaining("depth");
    }

    @Test
    void yaml_documentOverSize_refused() {
        final Limits small = Limits.DEFAULT.withMaxDocumentBytes(100);
        final String body = "k: " + "x".repeat(200) + "\n";
        assertThatThrownBy(() -> Mappers.yaml(small).readTree(body)).hasMessageContaining("Document length");
    }

    @Test
    void yaml_longScalar_boundedByDocumentSize() {
        // the YAML parser does not check scalar length itself: the document limit bounds it
        final String body = "k: " + "x".repeat(Limits.DEFAULT.maxDocumentBytes()) + "\n";
        assertThatThrownBy(() -> Mappers.yaml().readTree(body)).hasMessageContaining("Document length");
    }

    @Test
    void yaml_duplicateKey_refused() {
        assertThatThrownBy(() -> Mappers.yaml().readTree("a: 1\na: 2\n")).hasMessageContaining("Duplicate field 'a'");
    }

    @Test
    void limits_nonPositive_refused() {
        assertThatThrownBy(() -> Limits.DEFAULT.withMaxDepth(0)).isInstanceOf(IllegalArgumentException.class);
    }
}
