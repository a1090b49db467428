package dev.slipway.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Tests for {@link Durations}. */
class DurationsTest {

    @ParameterizedTest
    @CsvSource({
        "500ms, 500",
        "90s, 90000",
        "1.5s, 1500",
        "5m, 300000",
        "1.5m, 90000",
        "1h, 3600000",
        "2d, 172800000",
        "PT5M, 300000",
        "pt1s, 1000",
        "45, 45000",
        "' 30s ', 30000",
        "0s, 0",
        "30S, 30000"
    })
    void parse_acceptedForms(String text, long millis) {
        assertThat(Durations.parse(text)).isEqualTo(Duration.ofMillis(millis));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "s", "ms", "abc", "5x", "-5s", "PT-1S", "1e400000000s", "+5s", "5 minutes"})
    void parse_refused_namesForms(String text) {
        assertThatThrownBy(() -> Durations.parse(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'" + text + "'");
    }

    @Test
    void parsePositive_zero_refused() {
        assertThatThrownBy(() -> Durations.parsePositive("0s")).hasMessageContaining("not a positive duration");
    }

    @Test
    void of_jenkinsUnits() {
        assertThat(Durations.of(3, "MINUTES")).isEqualTo(Duration.ofMinutes(3));
        assertThatThrownBy(() -> Durations.of(3, "weeks")).hasMessageContaining("unit 'weeks'");
        assertThatThrownBy(() -> Durations.of(0, "seconds")).hasMessageContaining("positive");
    }

    @ParameterizedTest
    @CsvSource({"90000, 90s", "300000, 5m", "7200000, 2h", "1500, 1500ms", "0, 0s"})
    void format_readsBack(long millis, String text) {
        assertThat(Durations.format(Duration.ofMillis(millis))).isEqualTo(text);
        assertThat(Durations.parse(text)).isEqualTo(Duration.ofMillis(millis));
    }
}
