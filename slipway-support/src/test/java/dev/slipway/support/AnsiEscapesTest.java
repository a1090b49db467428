package dev.slipway.support;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Tests for {@link AnsiEscapes}. */
class AnsiEscapesTest {

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
      colour (Maven's [INFO]) | \u001B[1;34mINFO\u001B[m] Building      | INFO] Building
      bold error              | \u001B[1;31mERROR\u001B[0m boom          | ERROR boom
      cursor and erase line   | 50%\u001B[2K\u001B[1G100%              | 50%100%
      window title (OSC, BEL) | \u001B]0;title\u0007text               | text
      OSC ended by ESC \\     | \u001B]8;;http://x\u001B\\link         | link
      two-character escape    | \u001Bcreset                           | reset
      plain text unchanged    | nothing to strip                       | nothing to strip
      """)
  void strip_removesEscapesAndKeepsText(String name, String input, String expected) {
    assertThat(AnsiEscapes.strip(input)).isEqualTo(expected);
  }
}
