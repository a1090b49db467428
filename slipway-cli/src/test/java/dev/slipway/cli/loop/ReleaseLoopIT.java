package dev.slipway.cli.loop;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.slipway.testing.ReferenceFixture;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole loop through the packaged jar and the real {@code git} CLI: {@code slipway up --gitops} on a
 * repository made by {@code slipway gitops init}; a news-classifier repository pushed to the hosted
 * repository runs its release pipeline (Test → Test integration → Promote), staging serves it through the
 * gateway and production gets a promotion request that the author may not approve and the manager's approval
 * makes production serve (use case 1 of the three: a prepackaged server). A failing unit test and a broken manifest stop the loop
 * at their stage, and nothing reaches an environment.
 */
class ReleaseLoopIT {

    @TempDir
    static Path tmp;

    private static LoopPlane plane;

    @BeforeAll
    static void startUp() throws Exception {
        plane = LoopPlane.start(tmp);
    }

    @AfterAll
    static void stopUp() throws Exception {
        if (plane != null) {
            plane.close();
        }
    }

    /** A hosted repository NAME with the news classifier's files, changed by {@code edit}, pushed with git. */
    private String push(String name, Edit edit) throws Exception {
        Path work = NewsRepositoryFiles.write(tmp.resolve("work").resolve(name), name);
        edit.apply(work);
        return plane.push(work, name);
    }

    private interface Edit {
        void apply(Path repo) throws Exception;
    }

    private JsonNode awaitRun(String commit) throws Exception {
        return plane.awaitRun(commit, Duration.ofMinutes(3));
    }

    private int statusOf(String namespace, String name) throws Exception {
        return plane.statusOf(namespace, name, "{\"data\": {\"ndarray\": [\"x\"]}}");
    }

    @Test
    void push_releasePipeline_testsPromotesToStagingAndOpensAProductionRequest() throws Exception {
        String commit = push("news", repo -> {});
        JsonNode run = awaitRun(commit);
        String log = plane.log(run);
        assertThat(run.at("/condition/reason").asText()).as(log).isEqualTo("Succeeded");
        assertThat(LoopPlane.reasons(run))
                .containsExactly("Test=Succeeded", "Test integration=Succeeded", "Promote=Succeeded");
        assertThat(log).contains("PASS  held-out fortunes", "PASS served through the gateway", "Deployment created");

        JsonNode expected = ReferenceFixture.named("news-nb").expected().path("predict");
        List<Double> want = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            want.add(expected.get(i).asDouble());
        }
        String texts = "{\"data\": {\"ndarray\": " + NewsRepositoryFiles.texts(8) + "}}";
        JsonNode answer = plane.awaitAnswer("staging", "news", texts, a -> true);
        List<Double> labels = new ArrayList<>();
        answer.at("/data/ndarray").forEach(v -> labels.add(v.asDouble()));
        assertThat(labels).isEqualTo(want);

        JsonNode request = plane.openProductionRequest("news");
        assertThat(request.path("author").asText()).isEqualTo("Data Scientist"); // the pushed commit's author
        assertThat(request.path("sourceCommit").asText()).isEqualTo(commit);
        assertThat(request.path("assignees").toString()).contains("manager");
        assertThat(request.path("diff").asText())
                .contains("production/news.yaml", "+  name: news", "implementation: SKLEARN_SERVER", "../artifacts/");
        assertThat(statusOf("production", "news"))
                .as("production is unchanged until approval")
                .isEqualTo(404);

        // the author may not approve their own change; the manager's approval makes production serve the same model
        assertThat(plane.approve(request.get("id").asText(), "Data Scientist").statusCode())
                .isEqualTo(403);
        assertThat(plane.approve(request.get("id").asText(), LoopPlane.APPROVER).statusCode())
                .isEqualTo(200);
        JsonNode production = plane.awaitAnswer("production", "news", texts, a -> true);
        List<Double> productionLabels = new ArrayList<>();
        production.at("/data/ndarray").forEach(v -> productionLabels.add(v.asDouble()));
        assertThat(productionLabels).isEqualTo(want);
    }

    @Test
    void push_failingUnitTest_stopsAtTestAndPromotesNothing() throws Exception {
        String commit = push(
                "news-unit",
                repo -> Files.writeString(
                        repo.resolve("tests/model-cases.yaml"),
                        Files.readString(repo.resolve("tests/model-cases.yaml"))
                                + """
        - name: a label this model never gives
          request: {data: {ndarray: %s}}
          expect: {data: {ndarray: [7.0]}}
        """.formatted(NewsRepositoryFiles.texts(1))));
        JsonNode run = awaitRun(commit);
        String log = plane.log(run);
        assertThat(run.at("/condition/reason").asText()).as(log).isEqualTo("Failed");
        assertThat(LoopPlane.reasons(run))
                .containsExactly("Test=Failed", "Test integration=Skipped", "Promote=Skipped");
        assertThat(log).contains("FAIL  a label this model never gives");
        assertThat(plane.promotions(p -> p.path("deployments").toString().contains("news-unit")))
                .isEmpty();
        assertThat(plane.get("/api/v1/environments/staging").toString()).doesNotContain("news-unit");
        assertThat(statusOf("staging", "news-unit")).isEqualTo(404);
    }

    @Test
    void push_brokenManifest_passesTestFailsIntegrationWithTheFieldPath() throws Exception {
        String commit = push("news-spec", repo -> {
            Path manifest = repo.resolve("deploy/SeldonDeployment-news-spec.yaml");
            Files.writeString(
                    manifest,
                    Files.readString(manifest)
                            .replace(
                                    "{name: method, type: STRING, value: predict}",
                                    "{name: method, type: INT, value: predict}"));
        });
        JsonNode run = awaitRun(commit);
        String log = plane.log(run);
        assertThat(run.at("/condition/reason").asText()).as(log).isEqualTo("Failed");
        assertThat(LoopPlane.reasons(run))
                .containsExactly("Test=Succeeded", "Test integration=Failed", "Promote=Skipped");
        assertThat(log).contains("spec.predictors[0].graph.parameters[0]", "is not an INT");
        assertThat(plane.promotions(p -> p.path("deployments").toString().contains("news-spec")))
                .isEmpty();
        assertThat(plane.get("/api/v1/environments/staging").toString()).doesNotContain("news-spec");
        assertThat(statusOf("staging", "news-spec")).isEqualTo(404);
    }
}
