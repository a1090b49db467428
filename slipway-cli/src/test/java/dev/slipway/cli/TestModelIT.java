package dev.slipway.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.slipway.testing.ReferenceFixture;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code slipway test-model} through the packaged jar, on the shared news-nb fixture (scikit-learn
 * CountVectorizer + TF-IDF + MultinomialNB) with Python's own outputs as the expectations.
 */
class TestModelIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    private Path model() {
        return ReferenceFixture.named("news-nb").dir();
    }

    /** Cases for the first {@code n} held-out texts, expecting predict_proba as Python computed it. */
    private Path cases(int n, double bump) throws Exception {
        ReferenceFixture news = ReferenceFixture.named("news-nb");
        JsonNode inputs = news.inputs().path("data").path("ndarray");
        JsonNode proba = news.expected().get("predict_proba");
        ObjectNode root = JSON.createObjectNode();
        ArrayNode cases = root.putArray("cases");
        for (int i = 0; i < n; i++) {
            ObjectNode c = cases.addObject();
            c.put("name", "held-out-" + i);
            c.putObject("request").putObject("data").putArray("ndarray").add(inputs.get(i));
            ArrayNode want =
                    c.putObject("expect").putObject("data").putArray("ndarray").addArray();
            for (int k = 0; k < proba.get(i).size(); k++) {
                want.add(proba.get(i).get(k).asDouble() + (i == n - 1 && k == 0 ? bump : 0));
            }
            c.putObject("tolerance").put("abs", 1e-9).put("rel", 1e-6);
        }
        Path file = tmp.resolve("cases.yaml");
        Files.writeString(file, JSON.writeValueAsString(root));
        return file;
    }

    private SlipwayProcess testModel(Path cases, String uri) throws Exception {
        return SlipwayProcess.start(
                "test-model",
                "--implementation",
                "SKLEARN_SERVER",
                "--model-uri",
                uri,
                "--param",
                "method=predict_proba",
                "--cases",
                cases.toString(),
                "--cache-dir",
                tmp.resolve("cache").toString());
    }

    @Test
    void testModel_pythonOutputs_pass() throws Exception {
        try (SlipwayProcess p = testModel(cases(3, 0), model().toUri().toString())) {
            assertThat(p.awaitExit()).as(p.out() + p.err()).isZero();
            assertThat(p.out()).contains("PASS  held-out-0", "PASS  held-out-2", "3 passed, 0 failed");
        }
    }

    @Test
    void testModel_wrongExpectation_failsWithTheDifference() throws Exception {
        try (SlipwayProcess p = testModel(cases(2, 0.01), model().toUri().toString())) {
            assertThat(p.awaitExit()).isEqualTo(1);
            assertThat(p.out())
                    .contains(
                            "PASS  held-out-0",
                            "FAIL  held-out-1",
                            "data.ndarray[0][0]:",
                            "difference 0.01",
                            "1 passed, 1 failed");
        }
    }

    @Test
    void testModel_containsAndErrorCases_areChecked() throws Exception {
        Path file = tmp.resolve("more.yaml");
        Files.writeString(file, """
        cases:
        - name: politics-label
          request: {data: {ndarray: ["The senate passed the government bill after a long debate on politics"]}}
          expect: {contains: 2.0}
        - name: wrong-label
          request: {data: {ndarray: ["The senate passed the government bill after a long debate on politics"]}}
          expect: {contains: 3.0}
        """);
        try (SlipwayProcess p = SlipwayProcess.start(
                "test-model",
                "--implementation",
                "SKLEARN_SERVER",
                "--model-uri",
                model().toUri().toString(),
                "--param",
                "method=predict",
                "--cases",
                file.toString())) {
            assertThat(p.awaitExit()).isEqualTo(1);
            assertThat(p.out())
                    .contains("PASS  politics-label", "FAIL  wrong-label", "no value of the response equals 3.0");
        }
    }

    @Test
    void testModel_missingModel_exitsOneNamingTheUri() throws Exception {
        String uri = tmp.resolve("no-such-model").toUri().toString();
        try (SlipwayProcess p = testModel(cases(1, 0), uri)) {
            assertThat(p.awaitExit()).isEqualTo(1);
            assertThat(p.err()).contains("cannot load model " + uri);
        }
    }

    @Test
    void testModel_badCasesFile_namesTheField() throws Exception {
        Path file = tmp.resolve("bad.yaml");
        Files.writeString(file, "cases:\n- name: a\n  request: {data: {ndarray: [x]}}\n");
        try (SlipwayProcess p = testModel(file, model().toUri().toString())) {
            assertThat(p.awaitExit()).isNotZero();
            assertThat(p.err()).contains(file + ": cases[0].expect: missing");
        }
    }
}
