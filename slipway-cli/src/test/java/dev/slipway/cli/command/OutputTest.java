package dev.slipway.cli.command;

import static org.assertj.core.api.Assertions.assertThat;

import dev.slipway.api.Condition;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Tests for {@link Output}: JSON and YAML from the one mapper setup, each ending with a newline. */
class OutputTest {

    private static String print(OutputFormat.Format format) {
        final OutputFormat o = new OutputFormat();
        o.format = format;
        final StringWriter s = new StringWriter();
        Output.print(
                new PrintWriter(s),
                o,
                new Condition("Ready", "True", "Succeeded", "2 replicas ready", Instant.parse("2026-12-05T06:00:00Z")),
                w -> w.println("human"));
        return s.toString();
    }

    @Test
    void print_json_indentedWithIsoTimesAndATrailingNewline() {
        assertThat(print(OutputFormat.Format.JSON))
                .contains("\"type\" : \"Ready\"", "\"lastTransitionTime\" : \"2026-12-05T06:00:00Z\"")
                .endsWith("}" + System.lineSeparator());
    }

    @Test
    void print_yaml_withoutDocumentMarkerAndATrailingNewline() {
        assertThat(print(OutputFormat.Format.YAML))
                .startsWith("type: Ready\n")
                .contains("reason: Succeeded\n", "lastTransitionTime: 2026-12-05T06:00:00Z\n")
                .endsWith("\n")
                .doesNotContain("---");
    }

    @Test
    void print_tableOrWide_printsTheHumanForm() {
        assertThat(print(OutputFormat.Format.TABLE)).isEqualTo("human" + System.lineSeparator());
        assertThat(print(OutputFormat.Format.WIDE)).isEqualTo("human" + System.lineSeparator());
    }

    @Test
    void yaml_map_endsWithNewline() {
        final StringWriter s = new StringWriter();
        Output.yaml(new PrintWriter(s), Map.of("a", 1));
        assertThat(s.toString()).isEqualTo("a: 1\n");
    }
}
