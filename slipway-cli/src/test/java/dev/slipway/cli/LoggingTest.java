package dev.slipway.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** Tests for {@link Logging}. */
class LoggingTest {

    @Test
    void level_defaults_infoForServersWarnOtherwise() {
        assertThat(Logging.level(new String[] {"up"}, Map.of())).isEqualTo("info");
        assertThat(Logging.level(new String[] {"serve", "--port", "0"}, Map.of()))
                .isEqualTo("info");
        assertThat(Logging.level(new String[] {"get"}, Map.of())).isEqualTo("warn");
        assertThat(Logging.level(new String[0], Map.of())).isEqualTo("warn");
    }

    @Test
    void level_flagAnywhere_winsOverEnvironment() {
        assertThat(Logging.level(new String[] {"up", "--log-level", "DEBUG"}, Map.of("SLIPWAY_LOG_LEVEL", "error")))
                .isEqualTo("debug");
        assertThat(Logging.level(new String[] {"--log-level=trace", "get"}, Map.of()))
                .isEqualTo("trace");
        assertThat(Logging.level(new String[] {"get"}, Map.of("SLIPWAY_LOG_LEVEL", "info")))
                .isEqualTo("info");
    }

    @Test
    void level_unknown_leftToPicocliToRefuse() {
        assertThat(Logging.level(new String[] {"--log-level", "loud"}, Map.of()))
                .isNull();
        assertThatThrownBy(() -> new Logging.LevelConverter().convert("loud"))
                .isInstanceOf(CommandLine.TypeConversionException.class)
                .hasMessageContaining("'loud' is not a log level");
    }

    @Test
    void option_badLevel_isUsageError() {
        final java.io.StringWriter err = new java.io.StringWriter();
        final int code = Slipway.run(
                new java.io.PrintWriter(new java.io.StringWriter()),
                new java.io.PrintWriter(err),
                "--log-level",
                "loud",
                "--version");
        assertThat(code).isEqualTo(2);
        assertThat(err.toString()).contains("'loud' is not a log level");
    }
}
