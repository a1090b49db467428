package dev.slipway.cli.quickstart;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Tests for {@link Quickstart}'s small parts (the whole flow is {@code QuickstartIT}). */
class QuickstartTest {

    @TempDir
    Path tmp;

    @Test
    void prepare_foreignNonEmptyFolder_isRefusedAndKept() throws Exception {
        Files.writeString(tmp.resolve("precious.txt"), "keep me");
        assertThatThrownBy(() -> Quickstart.prepare(tmp))
                .hasMessageContaining("--data-dir " + tmp)
                .hasMessageContaining("not made by slipway quickstart");
        assertThat(tmp.resolve("precious.txt")).hasContent("keep me");
    }

    @Test
    void prepare_previousQuickstart_isEmptied() throws Exception {
        Path data = tmp.resolve("qs");
        Quickstart.prepare(data);
        Files.createDirectories(data.resolve("gitops.git/refs"));
        Files.writeString(data.resolve("gitops.git/refs/x"), "old");
        Quickstart.prepare(data);
        try (var entries = Files.list(data)) {
            assertThat(entries.map(p -> p.getFileName().toString())).containsExactly(Quickstart.MARKER);
        }
    }

    @Test
    void shellQuote_singleQuotesSurvive() {
        assertThat(Quickstart.shellQuote("[\"don't\"]")).isEqualTo("'[\"don'\\''t\"]'");
    }
}
