package dev.slipway.gitops.spec;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.slipway.testing.SeldonManifests;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Tests for the errors of {@link SpecParser} and {@link SpecValidator}: each names the field and the rule. */
class SpecValidationTest {

    private final SpecParser parser = new SpecParser();

    private static final String BASE = SeldonManifests.deployment("demo", """
      - name: a
        traffic: 90
        graph:
          name: m
          implementation: SKLEARN_SERVER
          modelUri: file:///m
          parameters:
          - {name: method, type: STRING, value: predict}
      - name: b
        traffic: 10
        graph:
          name: m
          implementation: SKLEARN_SERVER
          modelUri: file:///m
      """);

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "traffic sum      | 'traffic: 10'                      | 'traffic: 20'                       | spec.predictors[1].traffic: traffic of non-shadow predictors must sum to 100",
                "bad INT          | '{name: method, type: STRING, value: predict}' | '{name: n, type: INT, value: abc}' | spec.predictors[0].graph.parameters[0].value: 'abc' is not an INT",
                "bad type         | '{name: method, type: STRING, value: predict}' | '{name: n, type: LONG, value: \"1\"}' | spec.predictors[0].graph.parameters[0].type: unknown value 'LONG'",
                "dup predictor    | '- name: b'                        | '- name: a'                         | spec.predictors[1].name: duplicate predictor name 'a'",
                "negative replicas| 'traffic: 90'                      | 'traffic: 90\n    replicas: -1'     | spec.predictors[0].replicas: must not be negative, found -1",
                "wrong kind       | 'kind: SeldonDeployment'           | 'kind: Deployment'                  | kind: must be SeldonDeployment, found 'Deployment'",
                "wrong apiVersion | 'machinelearning.seldon.io/v1'     | 'machinelearning.seldon.io/v2'      | apiVersion: must be one of",
                "bad node type    | 'name: m\n      implementation: SKLEARN_SERVER\n      modelUri: file:///m\n      parameters' | 'name: m\n      type: MODELL\n      implementation: SKLEARN_SERVER\n      modelUri: file:///m\n      parameters' | spec.predictors[0].graph.type: unknown value 'MODELL'",
                "bad name         | 'name: demo'                       | 'name: Demo_1'                      | metadata.name: must be a DNS label",
                "traffic string   | 'traffic: 90'                      | 'traffic: lots'                     | spec.predictors[0].traffic: must be an integer, found 'lots'",
            })
    void parse_brokenRule_namesFieldAndRule(String name, String from, String to, String expected) {
        final String yaml = BASE.replace(unescape(from), unescape(to));
        assertThatThrownBy(() -> parser.parse(yaml, "demo.yaml", null))
                .isInstanceOf(SpecException.class)
                .hasMessageContaining("demo.yaml: " + expected);
    }

    private static String unescape(String s) {
        return s.replace("\\n", "\n");
    }

    private static String single(String graph) {
        return SeldonManifests.deployment("d", """
        - name: p
        """) + graph;
    }

    @Test
    void parse_missingGraph_isAnError() {
        assertThatThrownBy(() -> parser.parse(single("    replicas: 1\n"), "d", null))
                .hasMessageContaining("spec.predictors[0].graph: is required");
    }

    @Test
    void parse_unknownImplementation_listsTheKnownOnes() {
        final String graph = "    graph: {name: m, implementation: PYTORCH_SERVER, modelUri: file:///m}\n";
        assertThatThrownBy(() -> parser.parse(single(graph), "d", null))
                .hasMessageContaining("spec.predictors[0].graph.implementation: unknown implementation 'PYTORCH_SERVER'"
                        + " (known: MLFLOW_SERVER, ONNX_SERVER, PYTHON, SKLEARN_SERVER, XGBOOST_SERVER)");
    }

    @Test
    void parse_duplicateNodeNames_isAnError() {
        final String graph = "    graph: {name: m, implementation: SKLEARN_SERVER, modelUri: file:///m,\n"
                + "      children: [{name: m, implementation: SKLEARN_SERVER, modelUri: file:///x}]}\n";
        assertThatThrownBy(() -> parser.parse(single(graph), "d", null))
                .hasMessageContaining("spec.predictors[0].graph.children[0].name: duplicate node name 'm'");
    }

    @Test
    void parse_nodeWithoutImplementationOrContainer_isAnError() {
        final String yaml = SeldonManifests.deployment("d", """
        - name: p
          componentSpecs: [{spec: {containers: [{name: other, image: x}]}}]
          graph: {name: classifier, type: MODEL}
        """);
        assertThatThrownBy(() -> parser.parse(yaml, "d", null))
                .hasMessageContaining(
                        "spec.predictors[0].graph: node 'classifier' has no implementation and no container"
                                + " named 'classifier' in componentSpecs");
    }

    @Test
    void parse_malformedYaml_givesLineAndColumn() {
        final String yaml = "apiVersion: machinelearning.seldon.io/v1\nkind: SeldonDeployment\nmetadata:\n  name: [x\n";
        assertThatThrownBy(() -> parser.parse(yaml, "bad.yaml", null))
                .hasMessageContaining("bad.yaml: malformed YAML at line ");
    }

    @Test
    void parse_malformedJson_givesLineAndColumn() {
        assertThatThrownBy(() -> parser.parse("{\"kind\": \"SeldonDeployment\",\n \"spec\": }", "bad.json", null))
                .hasMessageContaining("bad.json: malformed JSON at line 2, column");
    }

    @Test
    void parse_multiDocumentYaml_isRefused() {
        final String yaml = SpecParserTest.minimal("machinelearning.seldon.io/v1", "file:///m") + "---\n"
                + SpecParserTest.minimal("machinelearning.seldon.io/v1", "file:///n");
        assertThatThrownBy(() -> parser.parse(yaml, "two.yaml", null))
                .hasMessageContaining("multi-document YAML is not supported");
    }

    @Test
    void parse_tenMegabyteFile_isRefusedBeforeParsing(@TempDir Path dir) throws Exception {
        final Path big = dir.resolve("big.yaml");
        final StringBuilder sb = new StringBuilder(SpecParserTest.minimal("machinelearning.seldon.io/v1", "file:///m"));
        sb.append("# ").append("x".repeat(10 * 1024 * 1024)).append('\n');
        Files.writeString(big, sb);
        assertThatThrownBy(() -> parser.parse(big)).hasMessageContaining("the limit is 1048576 bytes");
    }

    @Test
    void parse_yamlAliasBomb_isRefused() {
        final StringBuilder bomb =
                new StringBuilder("a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n");
        char prev = 'a';
        for (char c = 'b'; c <= 'j'; c++) {
            bomb.append(c).append(": &").append(c).append(" [");
            for (int i = 0; i < 9; i++) {
                bomb.append(i == 0 ? "" : ",").append('*').append(prev);
            }
            bomb.append("]\n");
            prev = c;
        }
        assertThatThrownBy(() -> parser.parse(bomb.toString(), "bomb.yaml", null))
                .isInstanceOf(SpecException.class)
                .hasMessageContaining("bomb.yaml");
    }

    @Test
    void parse_deepNesting_isRefused() {
        final String deep = "{\"a\":".repeat(500) + "1" + "}".repeat(500);
        assertThatThrownBy(() -> parser.parse(deep, "deep.json", null))
                .isInstanceOf(SpecException.class)
                .hasMessageContaining("deep.json")
                .hasMessageContaining("depth");
    }

    @Test
    void parse_deepYamlNesting_isRefused() {
        final String deep = "[".repeat(500) + "]".repeat(500);
        assertThatThrownBy(() -> parser.parse(deep.replaceFirst("\\[", "x: ["), "deep.yaml", null))
                .isInstanceOf(SpecException.class)
                .hasMessageContaining("deep.yaml");
    }

    @Test
    void parse_singlePredictorPartialTraffic_isAnError() {
        final String yaml = SpecParserTest.minimal("machinelearning.seldon.io/v1", "file:///m")
                .replace("  - name: p\n", "  - name: p\n    traffic: 50\n");
        assertThatThrownBy(() -> parser.parse(yaml, "d", null))
                .hasMessageContaining("spec.predictors[0].traffic: the only non-shadow predictor takes all traffic");
    }

    @Test
    void parse_modelUriMissingForImplementation_isAnError() {
        final String yaml = SpecParserTest.minimal("machinelearning.seldon.io/v1", "file:///m")
                .replace("      modelUri: file:///m\n", "");
        assertThatThrownBy(() -> parser.parse(yaml, "d", null))
                .hasMessageContaining(
                        "spec.predictors[0].graph.modelUri: is required by implementation SKLEARN_SERVER");
    }
}
