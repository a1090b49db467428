package dev.slipway.gitops.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

/** Tests for {@link SubsetMatcher}. */
class SubsetMatcherTest {

    private static JsonNode j(String s) throws Exception {
        return new ObjectMapper().readTree(s);
    }

    @Test
    void mismatch_subsetWithinTolerance_matches() throws Exception {
        assertThat(new SubsetMatcher(0.01)
                        .mismatch(
                                j("{\"data\":{\"ndarray\":[[0.87,0.12]]}}"),
                                j("{\"data\":{\"names\":[\"a\",\"b\"],\"ndarray\":[[0.878,0.121]]},\"meta\":{}}")))
                .isEmpty();
    }

    @Test
    void mismatch_intVersusDouble_matches() throws Exception {
        assertThat(new SubsetMatcher(0).mismatch(j("[2, 2]"), j("[2.0, 2.0]"))).isEmpty();
    }

    @Test
    void mismatch_outsideTolerance_namesThePath() throws Exception {
        assertThat(new SubsetMatcher(0.001)
                        .mismatch(j("{\"data\":{\"ndarray\":[[0.5]]}}"), j("{\"data\":{\"ndarray\":[[0.6]]}}")))
                .contains("data.ndarray[0][0]: expected 0.5 ± 0.001, got 0.6");
    }

    @Test
    void mismatch_missingFieldAndLength_areReported() throws Exception {
        assertThat(new SubsetMatcher(0).mismatch(j("{\"strData\":\"x\"}"), j("{}")))
                .contains("strData: missing (expected \"x\")");
        assertThat(new SubsetMatcher(0).mismatch(j("[1]"), j("[1,2]"))).isPresent();
    }
}
