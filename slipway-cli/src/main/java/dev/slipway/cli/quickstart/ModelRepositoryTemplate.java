package dev.slipway.cli.quickstart;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The news-classifier model repository of the quickstart, in the shape of the reference's (and of
 * {@code slipway repo create --template sklearn}): {@code deploy/model/model.joblib},
 * {@code deploy/SeldonDeployment-NAME.yaml} ({@code SKLEARN_SERVER}, {@code modelUri: ./model},
 * {@code method=predict}), {@code tests/model-cases.yaml} (Test), {@code integration/cases.yaml} (Test
 * integration) and {@code jenkins-x.yml} with the stages Test, Test integration and Promote.
 *
 * @param bundle the bundled model folder ({@code model.joblib} and {@code samples.json})
 */
public record ModelRepositoryTemplate(Path bundle) {

  private static final ObjectMapper JSON = new ObjectMapper();

  /** The bundled model under {@code examples/models/news-classifier}, found from the installation. */
  public static ModelRepositoryTemplate bundled() {
    return new ModelRepositoryTemplate(Bundle.find("examples/models/news-classifier"));
  }

  /** The bundled sample texts (a JSON array). */
  public ArrayNode texts() {
    return (ArrayNode) samples().get("texts");
  }

  /** The labels the model gives the sample texts (a JSON array). */
  public ArrayNode labels() {
    return (ArrayNode) samples().get("labels");
  }

  private JsonNode samples() {
    final Path file = bundle.resolve("samples.json");
    try {
      final JsonNode n = JSON.readTree(file.toFile());
      if (!n.path("texts").isArray() || !n.path("labels").isArray() || n.get("texts").size() != n.get("labels").size()
          || n.get("texts").size() < 2) {
        throw new IllegalStateException(file + ": texts and labels must be arrays of the same length (at least 2)");
      }
      return n;
    } catch (IOException e) {
      throw new UncheckedIOException(file + ": " + e.getMessage(), e);
    }
  }

  /**
   * Writes the repository NAME into {@code dir} (which must not exist or be empty). The one place the
   * quickstart makes its model repository: {@code slipway repo create NAME --template sklearn} when it lands.
   */
  public Path create(Path dir, String name) {
    try {
      if (Files.isDirectory(dir)) {
        try (var entries = Files.list(dir)) {
          if (entries.findAny().isPresent()) {
            throw new IllegalArgumentException(dir + ": not empty; the model repository needs an empty folder");
          }
        }
      }
      Files.createDirectories(dir.resolve("deploy/model"));
      Files.copy(bundle.resolve("model.joblib"), dir.resolve("deploy/model/model.joblib"));
      Files.writeString(dir.resolve("deploy/SeldonDeployment-" + name + ".yaml"), manifest(name));
      Files.createDirectories(dir.resolve("tests"));
      Files.writeString(dir.resolve("tests/model-cases.yaml"), """
          # slipway test-model: the model loaded as SKLEARN_SERVER loads it, one Seldon request per case
          cases:
          - name: held-out fortunes
            request: {data: {ndarray: %s}}
            expect: {data: {ndarray: %s}}
          """.formatted(texts(), labels()));
      Files.createDirectories(dir.resolve("integration"));
      Files.writeString(dir.resolve("integration/cases.yaml"), """
          # slipway e2e: requests through the sandbox's gateway to the deployed manifests
          - name: served through the gateway
            deployment: %s
            request: {data: {ndarray: %s}}
            expect: {data: {ndarray: %s}}
          """.formatted(name, subset(texts(), 2), subset(labels(), 2)));
      Files.writeString(dir.resolve("jenkins-x.yml"), PIPELINE);
      return dir;
    } catch (IOException e) {
      throw new UncheckedIOException(dir + ": cannot write the model repository: " + e.getMessage(), e);
    }
  }

  static String manifest(String name) {
    return """
        apiVersion: machinelearning.seldon.io/v1
        kind: SeldonDeployment
        metadata:
          name: %s
        spec:
          name: %s
          predictors:
          - name: default
            replicas: 1
            graph:
              name: classifier
              type: MODEL
              implementation: SKLEARN_SERVER
              modelUri: ./model
              parameters:
              - {name: method, type: STRING, value: predict}
        """.formatted(name, name);
  }

  private static String subset(ArrayNode values, int n) {
    final ArrayNode copy = JSON.createArrayNode();
    for (int i = 0; i < n && i < values.size(); i++) {
      copy.add(values.get(i));
    }
    return copy.toString();
  }

  /** The stages of the reference's news classifier: Test, Test integration, Promote (release only). */
  static final String PIPELINE = """
      buildPack: none
      pipelineConfig:
        pipelines:
          release:
            pipeline:
              agent: {image: seldonio/core-builder:0.4}
              stages:
              - name: Test
                steps:
                - name: model-tests
                  command: slipway
                  args: [test-model, --implementation, SKLEARN_SERVER, --model-uri, deploy/model, --param, method=predict,
                         --cases, tests/model-cases.yaml]
              - name: Test integration
                options: {timeout: {time: 5, unit: minutes}}
                steps:
                - name: e2e
                  command: slipway
                  args: [e2e, -f, deploy, --cases, integration/cases.yaml, --timeout, 3m]
              - name: Promote
                steps:
                - name: staging
                  command: slipway
                  args: [promote, --env, staging, --from, deploy]
                - name: production
                  command: slipway
                  args: [promote, --env, production, --from, deploy]
          pullRequest:
            pipeline:
              stages:
              - name: Test
                steps:
                - name: model-tests
                  command: slipway
                  args: [test-model, --implementation, SKLEARN_SERVER, --model-uri, deploy/model, --param, method=predict,
                         --cases, tests/model-cases.yaml]
              - name: Test integration
                steps:
                - name: e2e
                  command: slipway
                  args: [e2e, -f, deploy, --cases, integration/cases.yaml, --timeout, 3m]
      """;
}
