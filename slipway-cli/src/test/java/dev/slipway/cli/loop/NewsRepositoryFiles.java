package dev.slipway.cli.loop;

import com.fasterxml.jackson.databind.JsonNode;
import dev.slipway.testing.ReferenceFixture;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A news-classifier model repository in the shape of the reference's (and of {@code slipway repo create
 * --template sklearn}): the model under {@code deploy/model}, {@code deploy/SeldonDeployment-NAME.yaml}
 * ({@code modelUri: ./model}, {@code method=predict}), unit cases in {@code tests/model-cases.yaml},
 * end-to-end cases in {@code integration/cases.yaml}, and {@code jenkins-x.yml} with the stages Test, Test
 * integration and Promote. The model and the cases come from the shared {@code news-nb} fixture.
 */
public final class NewsRepositoryFiles {

  private NewsRepositoryFiles() {}

  /** The first {@code n} held-out texts of the fixture, as JSON strings. */
  public static String texts(int n) {
    JsonNode in = ReferenceFixture.named("news-nb").inputs().path("data").path("ndarray");
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < n; i++) {
      b.append(i == 0 ? "" : ", ").append(in.get(i).toString());
    }
    return "[" + b + "]";
  }

  /** Their expected labels ({@code predict}). */
  public static String labels(int n) {
    JsonNode out = ReferenceFixture.named("news-nb").expected().path("predict");
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < n; i++) {
      b.append(i == 0 ? "" : ", ").append(out.get(i).toString());
    }
    return "[" + b + "]";
  }

  /** Writes the repository's files into {@code dir} (not a git repository yet). */
  public static Path write(Path dir, String name) throws IOException {
    Files.createDirectories(dir.resolve("deploy/model"));
    Files.copy(ReferenceFixture.named("news-nb").dir().resolve("model.joblib"), dir.resolve("deploy/model/model.joblib"));
    Files.writeString(dir.resolve("deploy/SeldonDeployment-" + name + ".yaml"), """
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
        """.formatted(name, name));
    Files.createDirectories(dir.resolve("tests"));
    Files.writeString(dir.resolve("tests/model-cases.yaml"), """
        cases:
        - name: held-out fortunes
          request: {data: {ndarray: %s}}
          expect: {data: {ndarray: %s}}
        """.formatted(texts(4), labels(4)));
    Files.createDirectories(dir.resolve("integration"));
    Files.writeString(dir.resolve("integration/cases.yaml"), """
        - name: served through the gateway
          deployment: %s
          request: {data: {ndarray: %s}}
          expect: {data: {ndarray: %s}}
        """.formatted(name, texts(2), labels(2)));
    Files.writeString(dir.resolve("jenkins-x.yml"), """
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
        """);
    return dir;
  }
}
