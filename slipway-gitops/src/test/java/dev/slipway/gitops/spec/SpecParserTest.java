package dev.slipway.gitops.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.slipway.support.Problem;
import dev.slipway.testing.SeldonManifests;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Tests for {@link SpecParser}. */
class SpecParserTest {

    static final String NEWS_CLASSIFIER = """
      {
        "apiVersion": "machinelearning.seldon.io/v1alpha2",
        "kind": "SeldonDeployment",
        "metadata": {"labels": {"app": "seldon"}, "name": "news-classifier"},
        "spec": {
          "annotations": {"project_name": "News classifier", "deployment_version": "v1"},
          "name": "news-classifier",
          "predictors": [{
            "componentSpecs": [{"spec": {"containers": [{"name": "news-classifier",
               "resources": {"requests": {"memory": "1Mi"}}}], "terminationGracePeriodSeconds": 20}}],
            "graph": {
              "children": [],
              "name": "news-classifier",
              "type": "MODEL",
              "implementation": "SKLEARN_SERVER",
              "modelUri": "gs://seldon-models/sklearn/news",
              "parameters": [{"name": "method", "type": "STRING", "value": "predict"}],
              "endpoint": {"type": "REST"}
            },
            "name": "news",
            "replicas": 1,
            "annotations": {"predictor_version": "v1"}
          }]
        }
      }
      """;

    private final SpecParser parser = new SpecParser();

    @Test
    void parse_newsClassifierV1alpha2_parsesWithKubernetesFieldsAsWarnings() {
        final Manifest m = parser.parse(NEWS_CLASSIFIER, "news.json", null);
        final SeldonDeployment d = m.deployment();
        assertThat(d.apiVersion()).isEqualTo("machinelearning.seldon.io/v1alpha2");
        assertThat(d.name()).isEqualTo("news-classifier");
        assertThat(d.namespace()).isEmpty();
        final PredictorSpec p = d.predictors().get(0);
        assertThat(p.name()).isEqualTo("news");
        assertThat(p.replicas()).isEqualTo(1);
        assertThat(p.graph().implementation()).isEqualTo("SKLEARN_SERVER");
        assertThat(p.graph().modelUri()).isEqualTo("gs://seldon-models/sklearn/news");
        assertThat(p.graph().parameters()).containsExactly(new Parameter("method", Parameter.Type.STRING, "predict"));
        assertThat(p.container("news-classifier")).isPresent();
        assertThat(m.warnings())
                .extracting(Problem::path)
                .contains(
                        "spec.predictors[0].componentSpecs[0].spec.containers[0].resources",
                        "spec.predictors[0].componentSpecs[0].spec.terminationGracePeriodSeconds",
                        "spec.predictors[0].graph.endpoint");
    }

    @Test
    void parse_yamlV1WithAllNodeTypes_buildsTheGraph() {
        final String yaml = """
        apiVersion: machinelearning.seldon.io/v1
        kind: SeldonDeployment
        metadata:
          name: graph
          namespace: team-a
        spec:
          annotations:
            seldon.io/rest-timeout: "1500"
          predictors:
          - name: main
            traffic: 90
            replicas: 2
            graph:
              name: out
              type: OUTPUT_TRANSFORMER
              implementation: SKLEARN_SERVER
              modelUri: file:///m/out
              children:
              - name: router
                type: ROUTER
                implementation: SKLEARN_SERVER
                modelUri: s3://bucket/router
                parameters:
                - {name: n, type: INT, value: "3"}
                - {name: f, type: FLOAT, value: "0.5"}
                - {name: b, type: BOOL, value: "true"}
                - {name: d, type: DOUBLE, value: "1e-3"}
                children:
                - {name: a, implementation: SKLEARN_SERVER, modelUri: "file:///m/a"}
                - {name: b, type: COMBINER, implementation: SKLEARN_SERVER, modelUri: "file:///m/b",
                   children: [{name: c, implementation: SKLEARN_SERVER, modelUri: "file:///m/c"}]}
          - name: canary
            traffic: 10
            graph: {name: a, implementation: SKLEARN_SERVER, modelUri: "file:///m/a2"}
          - name: mirror
            shadow: true
            graph: {name: a, implementation: SKLEARN_SERVER, modelUri: "file:///m/a3"}
        """;
        final SeldonDeployment d = parser.parse(yaml, "graph.yaml", null).deployment();
        assertThat(d.namespace()).contains("team-a");
        assertThat(d.spec().annotations()).containsEntry(SeldonDeployment.REST_TIMEOUT_ANNOTATION, "1500");
        final GraphNode root = d.predictors().get(0).graph();
        assertThat(root.flatten()).extracting(GraphNode::name).containsExactly("out", "router", "a", "b", "c");
        assertThat(root.children().get(0).parameters())
                .extracting(Parameter::typedValue)
                .containsExactly(3, 0.5f, true, 1e-3);
        assertThat(root.children().get(0).children().get(0).effectiveType()).isEqualTo(NodeType.MODEL);
        assertThat(d.predictors()).extracting(PredictorSpec::traffic).containsExactly(90, 10, 0);
        assertThat(d.predictors().get(2).shadow()).isTrue();
    }

    @Test
    void parse_v1alpha3_accepted() {
        final String yaml = minimal("machinelearning.seldon.io/v1alpha3", "file:///m");
        assertThat(parser.parse(yaml, "x.yaml", null).deployment().apiVersion()).endsWith("v1alpha3");
    }

    @Test
    void parse_relativeModelUri_resolvesAgainstManifestFolder(@TempDir Path dir) throws Exception {
        final Path manifests = Files.createDirectories(dir.resolve("deploy"));
        final Path file = manifests.resolve("sd.yaml");
        Files.writeString(file, minimal("machinelearning.seldon.io/v1", "./model"));
        final Manifest m = parser.parse(file);
        final String uri = m.deployment().predictors().get(0).graph().modelUri();
        assertThat(uri).isEqualTo(manifests.resolve("model").toUri().toString());
        assertThat(m.resolvedJson()).contains(uri);
        // the resolved JSON is self-contained: it parses again without a folder
        assertThat(parser.parse(m.resolvedJson(), "stored", null)
                        .deployment()
                        .predictors()
                        .get(0)
                        .graph()
                        .modelUri())
                .isEqualTo(uri);
    }

    @Test
    void parse_relativeModelUriWithoutFolder_namesTheField() {
        assertThatThrownBy(() -> parser.parse(minimal("machinelearning.seldon.io/v1", "model"), "t", null))
                .isInstanceOf(SpecException.class)
                .hasMessageContaining("spec.predictors[0].graph.modelUri: relative modelUri 'model'");
    }

    @Test
    void parseAll_folder_readsEverySeldonDeploymentAndSkipsOtherKinds(@TempDir Path dir) throws Exception {
        Files.writeString(
                dir.resolve("a.yaml"),
                minimal("machinelearning.seldon.io/v1", "file:///m").replace("name: x", "name: a"));
        Files.writeString(dir.resolve("b.json"), NEWS_CLASSIFIER);
        Files.writeString(dir.resolve("kustomization.yaml"), "kind: Kustomization\nresources: []\n");
        Files.writeString(dir.resolve("README.md"), "# not a manifest");
        final List<Manifest> all = parser.parseAll(dir);
        assertThat(all).extracting(m -> m.deployment().name()).containsExactly("a", "news-classifier");
    }

    @Test
    void parse_customServerContainer_readsClassAndResolvesClasspath(@TempDir Path dir) throws Exception {
        final String yaml = SeldonManifests.deployment("custom", """
        - name: p
          componentSpecs:
          - spec:
              containers:
              - name: scorer
                image: acme/scorer:1.0
                env:
                - {name: SLIPWAY_MODEL_CLASS, value: com.acme.Scorer}
                - {name: SLIPWAY_MODEL_CLASSPATH, value: "lib/scorer.jar:/opt/x.jar"}
                - {name: FROM_SECRET, valueFrom: {secretKeyRef: {name: s, key: k}}}
          graph: {name: scorer, type: MODEL}
        """);
        final Path file = dir.resolve("custom.yaml");
        Files.writeString(file, yaml);
        final Manifest m = parser.parse(file);
        final Container c = m.deployment()
                .predictors()
                .get(0)
                .container("scorer")
                .orElseThrow()
                .container();
        assertThat(c.modelClass()).contains("com.acme.Scorer");
        assertThat(c.modelClasspath()).contains(dir.resolve("lib/scorer.jar") + ":/opt/x.jar");
        assertThat(c.env()).doesNotContainKey("FROM_SECRET");
        assertThat(m.warnings())
                .extracting(Problem::path)
                .contains("spec.predictors[0].componentSpecs[0].spec.containers[0].env[2].valueFrom");
    }

    static String minimal(String apiVersion, String modelUri) {
        return """
        apiVersion: %s
        kind: SeldonDeployment
        metadata:
          name: x
        spec:
          predictors:
          - name: p
            graph:
              name: m
              implementation: SKLEARN_SERVER
              modelUri: %s
        """.formatted(apiVersion, modelUri);
    }
}
