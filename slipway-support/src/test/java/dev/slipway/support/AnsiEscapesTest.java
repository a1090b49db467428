package dev.slipway.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Tests for {@link AnsiEscapes}. */
class AnsiEscapesTest {

    private static final String ESC = "\u001B";

    static Stream<Arguments> texts() {
        return Stream.of(
                Arguments.of("colour (Maven's [INFO])", ESC + "[1;34mINFO" + ESC + "[m] Building", "INFO] Building"),
                Arguments.of("bold error", ESC + "[1;31mERROR" + ESC + "[0m boom", "ERROR boom"),
                Arguments.of("cursor and erase line", "50%" + ESC + "[2K" + ESC + "[1G100%", "50%100%"),
                Arguments.of("window title (OSC ended by BEL)", ESC + "]0;title\u0007text", "text"),
                Arguments.of("hyperlink (OSC ended by ESC \\)", ESC + "]8;;http://x" + ESC + "\\link", "link"),
                Arguments.of("two-character escape", ESC + "creset", "reset"),
                Arguments.of("plain text unchanged", "nothing to strip", "nothing to strip"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("texts")
    void strip_removesEscapesAndKeepsText(String name, String input, String expected) {
        assertThat(AnsiEscapes.strip(input)).isEqualTo(expected);
    }
}
