package dev.slipway.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Tests for {@link Typos}. */
class TyposTest {

    private static final Set<String> PREDICTOR =
            Set.of("name", "graph", "componentSpecs", "replicas", "traffic", "shadow", "explainer", "annotations");

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(textBlock = """
      trafic,    traffic
      replica,   replicas
      Graph,     graph
      shadw,     shadow
      colour,    ''
      x,         ''
      """)
    void closest_typo_namesTheKnownField(String typo, String expected) {
        assertThat(Typos.closest(typo, PREDICTOR).orElse("")).isEqualTo(expected);
    }
}
