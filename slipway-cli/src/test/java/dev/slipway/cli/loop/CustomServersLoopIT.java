package dev.slipway.cli.loop;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.slipway.cli.DigitImages;
import dev.slipway.cli.SlipwayProcess;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Use cases 2 and 3 of the reference architecture, each through its repositories' own {@code jenkins-x.yml} on one
 * {@code slipway up} of the packaged jar, pushed with the real {@code git} CLI and built by the real {@code mvn}
 * (the model API from the plane's Maven repository):
 * <ul>
 *   <li>a reusable custom server from the templates: {@code --template custom-server} registers SCORER, a
 *       {@code --template custom-server-model --server SCORER} repository scores through it up to production;</li>
 *   <li>a reusable custom server: the bundled {@code examples/image-classifier-server} builds, unit-tests, publishes
 *       {@code image-classifier:$VERSION}, tests it end to end in the sandbox and registers it as IMAGE_CLASSIFIER;
 *       the bundled {@code examples/digits-model} (an ONNX model and {@code implementation: IMAGE_CLASSIFIER}) is
 *       tested in the sandbox, reaches staging, and production once the manager approves; PNGs of digits get the
 *       labels Python gives;</li>
 *   <li>a server with its model embedded: {@code slipway repo create --template embedded-model} trains its model at
 *       build time, unit-tests it, publishes the exact build, tests it in the sandbox and promotes a spec naming that
 *       version to staging and (approved) production.</li>
 * </ul>
 */
class CustomServersLoopIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration BUILD_RUN = Duration.ofMinutes(6);

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

    private static Path root() {
        return Path.of(System.getProperty("slipway.root", ".."))
                .toAbsolutePath()
                .normalize();
    }

    private static Path fixtures() {
        return Path.of(System.getProperty("slipway.fixtures", "../../shared/fixtures"));
    }

    /**
     * What the README tells a newcomer: {@code slipway repo create NAME --from DIR|--template T --push API}, which
     * makes the repository, hosts it on the plane and pushes main; returns the pushed commit.
     */
    private static String createAndPush(String name, String... source) throws Exception {
        return plane.createAndPush(tmp.resolve("work"), name, source);
    }

    /** A Seldon request with a PNG of one fixture digit in binData. */
    private static String png(JsonNode image) {
        return "{\"binData\": \"" + Base64.getEncoder().encodeToString(DigitImages.png(image)) + "\"}";
    }

    private static String label(JsonNode answer) {
        final JsonNode v = answer.at("/data/ndarray/0");
        return v.isNumber() ? Integer.toString(v.asInt()) : v.asText();
    }

    @Test
    void reusableServer_builtTestedPublishedRegistered_thenAModelRepositoryUsesItUpToApprovedProduction()
            throws Exception {
        final String serverCommit = createAndPush(
                "image-classifier-server",
                "--from",
                root().resolve("examples/image-classifier-server").toString());
        final JsonNode serverRun = plane.awaitRun(serverCommit, BUILD_RUN);
        final String serverLog = plane.log(serverRun);
        assertThat(serverRun.at("/condition/reason").asText()).as(serverLog).isEqualTo("Succeeded");
        assertThat(LoopPlane.reasons(serverRun))
                .as(serverLog)
                .allMatch(r -> r.endsWith("=Succeeded"))
                .hasSizeGreaterThanOrEqualTo(4);
        assertThat(serverLog).as("unit tests ran in the build").containsPattern("Tests run: [1-9]");
        final String version = serverCommit.substring(0, 12);
        assertThat(plane.get("/api/v1/artifacts/image-classifier/" + version).toString())
                .contains(version);
        assertThat(plane.get("/api/v1/servers").toString()).contains("IMAGE_CLASSIFIER", "image-classifier:" + version);

        final String modelCommit = createAndPush(
                "digits-model",
                "--from",
                root().resolve("examples/digits-model").toString());
        final JsonNode modelRun = plane.awaitRun(modelCommit, BUILD_RUN);
        final String modelLog = plane.log(modelRun);
        assertThat(modelRun.at("/condition/reason").asText()).as(modelLog).isEqualTo("Succeeded");
        assertThat(LoopPlane.reasons(modelRun))
                .containsExactly("Test=Succeeded", "Test integration=Succeeded", "Promote=Succeeded");
        assertThat(modelLog).contains("4 passed, 0 failed"); // the unit cases, in-process through IMAGE_CLASSIFIER

        final JsonNode inputs = JSON.readTree(
                        fixtures().resolve("digits-cnn-onnx/inputs.json").toFile())
                .at("/data/ndarray");
        final JsonNode labels = JSON.readTree(
                        fixtures().resolve("digits-cnn-onnx/expected.json").toFile())
                .path("label");
        for (int i = 0; i < 3; i++) {
            final JsonNode answer = plane.awaitAnswer("staging", "digits", png(inputs.get(i)), a -> true);
            assertThat(label(answer))
                    .as("staging, digit %d", i)
                    .isEqualTo(labels.get(i).asText());
        }

        final JsonNode request = plane.openProductionRequest("digits");
        assertThat(request.path("diff").asText())
                .contains("implementation: IMAGE_CLASSIFIER", "image: image-classifier:" + version);
        assertThat(plane.statusOf("production", "digits", png(inputs.get(0)))).isEqualTo(404);
        assertThat(plane.approve(request.get("id").asText(), LoopPlane.APPROVER).statusCode())
                .isEqualTo(200);
        final JsonNode production = plane.awaitAnswer("production", "digits", png(inputs.get(1)), a -> true);
        assertThat(label(production)).isEqualTo(labels.get(1).asText());

        try (SlipwayProcess show = SlipwayProcess.start(
                "servers",
                "show",
                "IMAGE_CLASSIFIER",
                "--gitops",
                plane.gitops().toString())) {
            assertThat(show.awaitExit()).as(show.err()).isZero();
            assertThat(show.out()).contains("image-classifier:" + version, "staging", "production", "digits");
            // registered by the pipeline on behalf of whoever pushed the server's commit
            assertThat(show.out()).containsPattern("image-classifier:" + version + " +\\w+ +\\S+ +Data Scientist");
        }
    }

    @Test
    void reusableServerTemplates_serverRegistersItself_thenAModelRepositoryScoresThroughItInStagingAndProduction()
            throws Exception {
        final String serverCommit = createAndPush("scorer", "--template", "custom-server");
        final JsonNode serverRun = plane.awaitRun(serverCommit, BUILD_RUN);
        final String serverLog = plane.log(serverRun);
        assertThat(serverRun.at("/condition/reason").asText()).as(serverLog).isEqualTo("Succeeded");
        assertThat(LoopPlane.reasons(serverRun))
                .containsExactly(
                        "Build=Succeeded", "Publish=Succeeded", "Test integration=Succeeded", "Register=Succeeded");
        assertThat(plane.get("/api/v1/servers").toString())
                .contains("SCORER", "scorer:" + serverCommit.substring(0, 12));

        final String modelCommit = createAndPush("scored", "--template", "custom-server-model", "--server", "SCORER");
        final JsonNode modelRun = plane.awaitRun(modelCommit, BUILD_RUN);
        final String modelLog = plane.log(modelRun);
        assertThat(modelRun.at("/condition/reason").asText()).as(modelLog).isEqualTo("Succeeded");
        assertThat(LoopPlane.reasons(modelRun))
                .containsExactly("Test=Succeeded", "Test integration=Succeeded", "Promote=Succeeded");
        assertThat(modelLog)
                .contains(
                        "PASS  scores rows with the model's weights",
                        "scores every row",
                        "a row of the wrong width is refused");

        final String rows = "{\"data\": {\"ndarray\": [[1.0, 2.0, 0.5], [0.0, 0.0, 0.0]]}}";
        final JsonNode staging = plane.awaitAnswer("staging", "scored", rows, a -> true);
        assertThat(staging.at("/data/ndarray/0").asDouble()).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(staging.at("/data/ndarray/1").asDouble()).isCloseTo(0.1, org.assertj.core.data.Offset.offset(1e-9));
        final JsonNode request = plane.openProductionRequest("scored");
        assertThat(plane.approve(request.get("id").asText(), LoopPlane.APPROVER).statusCode())
                .isEqualTo(200);
        assertThat(plane.awaitAnswer("production", "scored", rows, a -> true).path("data"))
                .isEqualTo(staging.path("data"));
    }

    @Test
    void embeddedModel_trainedAtBuildTime_promotesTheExactBuildUpToApprovedProduction() throws Exception {
        // created first, pushed afterwards: repo push hosts an existing repository
        final Path repo = tmp.resolve("work").resolve("fraud-score");
        final String commit = plane.createThenPush(
                tmp.resolve("work"), "fraud-score", "--template", "embedded-model", "--author", "Data Scientist");
        final JsonNode run = plane.awaitRun(commit, BUILD_RUN);
        final String log = plane.log(run);
        assertThat(run.at("/condition/reason").asText()).as(log).isEqualTo("Succeeded");
        assertThat(LoopPlane.reasons(run)).as(log).allMatch(r -> r.endsWith("=Succeeded"));
        assertThat(log).as("unit tests ran in the build").containsPattern("Tests run: [1-9]");
        final String version = commit.substring(0, 12);
        assertThat(plane.get("/api/v1/artifacts/fraud-score/" + version).toString())
                .contains(version);

        // the template's first end-to-end case, asked through the gateway: staging now, production once approved
        final JsonNode cases = new ObjectMapper(new com.fasterxml.jackson.dataformat.yaml.YAMLFactory())
                .readTree(repo.resolve("integration/cases.yaml").toFile());
        final String body = (cases.isArray()
                        ? cases.get(0)
                        : cases.path("cases").get(0))
                .get("request")
                .toString();
        final JsonNode staging = plane.awaitAnswer("staging", "fraud-score", body, a -> true);
        final JsonNode request = plane.openProductionRequest("fraud-score");
        assertThat(request.path("diff").asText())
                .contains("image: fraud-score:" + version)
                .doesNotContain(":local");
        assertThat(plane.statusOf("production", "fraud-score", body)).isEqualTo(404);
        assertThat(plane.approve(request.get("id").asText(), LoopPlane.APPROVER).statusCode())
                .isEqualTo(200);
        final JsonNode production = plane.awaitAnswer("production", "fraud-score", body, a -> true);
        assertThat(production.path("data")).isEqualTo(staging.path("data"));
    }
}
