package dev.slipway.cli.testmodel;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

/** Tests for {@link ResponseMatcher}. */
class ResponseMatcherTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ModelCase.Tolerance TOL = new ModelCase.Tolerance(1e-6, 0);

    private static JsonNode json(String s) throws Exception {
        return JSON.readTree(s);
    }

    private static final String RESPONSE = """
      {"data": {"names": ["t:0", "t:1"], "ndarray": [[0.25, 0.75]]}, "meta": {"puid": "abc"}}""";

    @Test
    void differences_subsetWithinTolerance_isEmpty() throws Exception {
        assertThat(ResponseMatcher.differences(
                        json("{\"data\": {\"ndarray\": [[0.2500001, 0.75]]}}"), json(RESPONSE), TOL))
                .isEmpty();
    }

    @Test
    void differences_numberOutsideTolerance_namesThePathAndTheDifference() throws Exception {
        assertThat(ResponseMatcher.differences(json("{\"data\": {\"ndarray\": [[0.3, 0.75]]}}"), json(RESPONSE), TOL))
                .singleElement()
                .asString()
                .startsWith("data.ndarray[0][0]: 0.25 vs expected 0.3 (difference 0.0499");
    }

    @Test
    void differences_shapeAndMissingFields_areReported() throws Exception {
        assertThat(ResponseMatcher.differences(
                        json("{\"data\": {\"ndarray\": [[0.25]]}, \"strData\": \"x\"}"), json(RESPONSE), TOL))
                .containsExactly("data.ndarray[0]: 2 elements, expected 1", "strData: missing (expected \"x\")");
    }

    @Test
    void differences_equals_ignoresMetaButNotOtherFields() throws Exception {
        assertThat(ResponseMatcher.differences(
                        json("{\"equals\": {\"data\": {\"ndarray\": [[0.25, 0.75]]}}}"), json(RESPONSE), TOL))
                .containsExactly("data.names: not expected, got [\"t:0\",\"t:1\"]");
        assertThat(ResponseMatcher.differences(
                        json("{\"equals\": {\"data\": {\"names\": [\"t:0\", \"t:1\"], \"ndarray\": [[0.25, 0.75]]}}}"),
                        json(RESPONSE),
                        TOL))
                .isEmpty();
    }

    @Test
    void differences_contains_looksThroughThePayload() throws Exception {
        assertThat(ResponseMatcher.differences(json("{\"contains\": 0.75}"), json(RESPONSE), TOL))
                .isEmpty();
        assertThat(ResponseMatcher.differences(json("{\"contains\": \"t:0\"}"), json(RESPONSE), TOL))
                .hasSize(1);
        assertThat(ResponseMatcher.differences(
                        json("{\"contains\": \"politics\"}"), json("{\"strData\": \"politics\"}"), TOL))
                .isEmpty();
    }

    @Test
    void errorDifference_matchesASubstring() throws Exception {
        assertThat(ResponseMatcher.errorDifference(
                        json("{\"error\": \"expects 4 features\"}"), "input expects 4 features, got 3"))
                .isNull();
        assertThat(ResponseMatcher.errorDifference(json("{\"error\": \"shape\"}"), "other"))
                .contains("does not contain 'shape'");
    }
}
