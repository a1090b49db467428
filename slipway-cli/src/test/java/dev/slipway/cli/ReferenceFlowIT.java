package dev.slipway.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.slipway.pipeline.exec.Git;
import dev.slipway.pipeline.model.PipelineRun;
import dev.slipway.pipeline.model.Reason;
import dev.slipway.pipeline.run.RunStore;
import dev.slipway.testing.ReferenceFixture;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The reference architecture's CI on a news-classifier-shaped model repository, through the packaged
 * jar: {@code slipway pipeline run} runs the repository's jenkins-x.yml, whose steps call the
 * {@code slipway} on their PATH — the model unit test ({@code test-model}) and the end-to-end test in a
 * throw-away sandbox ({@code e2e}, a real SKLEARN_SERVER behind a real gateway).
 */
class ReferenceFlowIT {

    @TempDir
    Path tmp;

    private final Git git = new Git();

    private Path repository(String e2eLabel) throws Exception {
        Path repo = Files.createDirectories(tmp.resolve("news-classifier"));
        Files.createDirectories(repo.resolve("model"));
        Files.copy(ReferenceFixture.named("news-nb").dir().resolve("model.joblib"), repo.resolve("model/model.joblib"));
        String text = ReferenceFixture.named("news-nb")
                .inputs()
                .path("data")
                .path("ndarray")
                .get(0)
                .toString();
        String label = ReferenceFixture.named("news-nb")
                .expected()
                .path("predict")
                .get(0)
                .toString();
        Files.writeString(repo.resolve("SeldonDeployment-news-classifier.json"), """
        {"apiVersion": "machinelearning.seldon.io/v1alpha2", "kind": "SeldonDeployment",
         "metadata": {"name": "news-classifier"},
         "spec": {"name": "news-classifier", "predictors": [{"name": "default", "replicas": 1,
           "graph": {"children": [], "name": "news-classifier", "type": "MODEL", "implementation": "SKLEARN_SERVER",
                     "modelUri": "./model", "parameters": [{"name": "method", "type": "STRING", "value": "predict"}]}}]}}
        """);
        Files.createDirectories(repo.resolve("tests"));
        Files.writeString(repo.resolve("tests/unit.yaml"), """
        cases:
        - name: held-out computers fortune
          request: {data: {ndarray: [%s]}}
          expect: {data: {ndarray: [%s]}}
        """.formatted(text, label));
        Files.writeString(repo.resolve("tests/e2e.yaml"), """
        - name: served through the gateway
          deployment: news-classifier
          request: {data: {ndarray: [%s]}}
          expect: {data: {ndarray: [%s]}}
        """.formatted(text, e2eLabel));
        Files.writeString(repo.resolve("jenkins-x.yml"), """
        buildPack: none
        pipelineConfig:
          pipelines:
            release:
              pipeline:
                agent: {image: seldonio/core-builder:0.4}
                stages:
                - name: test-models
                  steps:
                  - name: unit
                    command: slipway
                    args: [test-model, --implementation, SKLEARN_SERVER, --model-uri, model, --param, method=predict,
                           --cases, tests/unit.yaml]
                - name: e2e
                  options: {timeout: {time: 5, unit: minutes}}
                  steps:
                  - name: sandbox
                    command: slipway
                    args: [e2e, -f, SeldonDeployment-news-classifier.json, --cases, tests/e2e.yaml, --timeout, 3m]
        """);
        git.run(repo, "init", "--quiet", "-b", "main");
        git.run(repo, "config", "user.email", "ds@example.com");
        git.run(repo, "config", "user.name", "DS");
        git.run(repo, "add", "-A");
        git.run(repo, "commit", "--quiet", "-m", "news classifier");
        return repo;
    }

    /** {@code slipway pipeline run} of {@code repo}'s release pipeline, its runs in tmp/data. */
    private SlipwayProcess runPipeline(Path repo) throws Exception {
        return SlipwayProcess.start(
                Map.of(),
                "pipeline",
                "run",
                "--repo",
                repo.toString(),
                "--data-dir",
                tmp.resolve("data").toString());
    }

    @Test
    void release_unitThenE2e_bothPass() throws Exception {
        String label = ReferenceFixture.named("news-nb")
                .expected()
                .path("predict")
                .get(0)
                .toString();
        Path repo = repository(label);
        try (SlipwayProcess p = runPipeline(repo)) {
            assertThat(p.awaitExit()).as(p.out() + p.err()).isZero();
            assertThat(p.out())
                    .contains(
                            "PASS  held-out computers fortune",
                            "1 passed, 0 failed",
                            "<== step unit Succeeded",
                            "PASS served through the gateway",
                            "<== step sandbox Succeeded");
        }
        PipelineRun run = new RunStore(tmp.resolve("data/runs")).list().get(0);
        assertThat(run.stages())
                .allSatisfy(s -> assertThat(s.condition().reason()).isEqualTo(Reason.Succeeded));
    }

    @Test
    void release_e2eExpectationWrong_failsTheE2eStage() throws Exception {
        Path repo = repository("99.0");
        try (SlipwayProcess p = runPipeline(repo)) {
            assertThat(p.awaitExit()).as(p.out() + p.err()).isEqualTo(1);
            assertThat(p.out())
                    .contains("<== step unit Succeeded", "FAIL served through the gateway", "<== step sandbox Failed");
        }
        PipelineRun run = new RunStore(tmp.resolve("data/runs")).list().get(0);
        assertThat(run.stages().get(1).condition().reason()).isEqualTo(Reason.Failed);
    }
}
