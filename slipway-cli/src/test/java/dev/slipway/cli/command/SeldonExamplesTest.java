package dev.slipway.cli.command;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.slipway.cli.Cli;
import dev.slipway.controlplane.ControlPlane;
import dev.slipway.controlplane.ControlPlaneConfig;
import dev.slipway.gitops.target.local.JavaServerCommand;
import dev.slipway.gitops.target.local.LocalRuntimeConfig;
import dev.slipway.testing.PythonRequests;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The reference architecture's deployments on {@code slipway up} with the real SKLEARN_SERVER: a spec shaped as
 * {@code SeldonDeployment-news-classifier.json} (v1alpha2, {@code parameters: [{method: predict}]},
 * {@code modelUri: ./model}), called exactly as the Python {@code SeldonClient(gateway="ambassador")} calls it.
 */
class SeldonExamplesTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> MESSAGE =
            Set.of("status", "meta", "data", "binData", "strData", "jsonData", "customData");
    private static final Set<String> META = Set.of("puid", "tags", "routing", "requestPath", "metrics");

    @TempDir
    Path dir;

    private ControlPlane plane;

    @BeforeEach
    void start() {
        final JavaServerCommand server = new JavaServerCommand(
                ProcessHandle.current().info().command().orElseThrow(),
                System.getProperty("java.class.path"),
                JavaServerCommand.SLIPWAY_MAIN,
                JavaServerCommand.DEFAULT_JVM_OPTIONS);
        plane = new ControlPlane(new ControlPlaneConfig(
                        LocalRuntimeConfig.defaults(dir.resolve("data"), server), "127.0.0.1", 0, 0, 2))
                .start();
    }

    @AfterEach
    void stop() {
        plane.close();
        assertThat(ProcessHandle.current()
                        .children()
                        .filter(ProcessHandle::isAlive)
                        .toList())
                .isEmpty();
    }

    private static Path fixture(String name) {
        return Path.of(System.getProperty("slipway.fixtures", "../../shared/fixtures"), name);
    }

    /** A model repository: model/ with the fixture's model, and the news-classifier-shaped spec beside it. */
    private Path repository(String fixture, String name, String method) throws Exception {
        final Path repo = Files.createDirectories(dir.resolve(name));
        Files.createDirectories(repo.resolve("model"));
        Files.copy(fixture(fixture).resolve("model.joblib"), repo.resolve("model/model.joblib"));
        final Path spec = repo.resolve("SeldonDeployment-" + name + ".json");
        Files.writeString(spec, """
        {
          "apiVersion": "machinelearning.seldon.io/v1alpha2",
          "kind": "SeldonDeployment",
          "metadata": {"labels": {"app": "seldon"}, "name": "%s"},
          "spec": {
            "annotations": {"project_name": "News classifier", "deployment_version": "v1"},
            "name": "%s",
            "predictors": [{
              "componentSpecs": [{"spec": {"containers": [{"name": "%s",
                "resources": {"requests": {"memory": "1Mi"}}}], "terminationGracePeriodSeconds": 20}}],
              "graph": {
                "children": [], "name": "%s", "type": "MODEL", "implementation": "SKLEARN_SERVER",
                "modelUri": "./model", "endpoint": {"type": "REST"},
                "parameters": [{"name": "method", "type": "STRING", "value": "%s"}]
              },
              "name": "%s", "replicas": 1, "annotations": {"predictor_version": "v1"}
            }]
          }
        }
        """.formatted(name, name, name, name, method, name));
        return spec;
    }

    private void deploy(Path spec) {
        final Cli.Run run = Cli.run(
                "deploy",
                "-f",
                spec.toString(),
                "-n",
                "seldon",
                "--wait",
                "--server",
                "http://127.0.0.1:" + plane.apiPort());
        assertThat(run.code()).as(run.err()).isZero();
        assertThat(run.err()).contains("warning:").contains("terminationGracePeriodSeconds");
    }

    /** One POST as python-requests 2.28.1 sends it for SeldonClient.predict (a new connection per call). */
    private JsonNode pythonClient(String deployment, String body) throws Exception {
        final String raw = PythonRequests.post(
                plane.gatewayPort(),
                "/seldon/seldon/" + deployment + "/api/v1.0/predictions",
                body,
                Duration.ofSeconds(30));
        assertThat(raw).startsWith("HTTP/1.1 200");
        final JsonNode answer = JSON.readTree(PythonRequests.body(raw));
        assertThat(MESSAGE).containsAll(() -> answer.fieldNames());
        assertThat(META).containsAll(() -> answer.get("meta").fieldNames());
        return answer;
    }

    @Test
    void irisPredictProba_throughTheGateway_matchesScikitLearn() throws Exception {
        deploy(repository("iris-logreg", "iris", "predict_proba"));
        final JsonNode answer = pythonClient(
                "iris", "{\"meta\": {\"tags\": {\"k\": \"v\"}}, \"data\": {\"ndarray\": [[5.5, 3.5, 1.3, 0.2]]}}");
        final JsonNode expected = JSON.readTree(
                        fixture("iris-logreg").resolve("expected.json").toFile())
                .get("predict_proba")
                .get(0);
        final JsonNode row = answer.at("/data/ndarray/0");
        for (int i = 0; i < 3; i++) {
            assertThat(row.get(i).asDouble())
                    .isCloseTo(expected.get(i).asDouble(), org.assertj.core.data.Offset.offset(1e-9));
        }
        assertThat(answer.at("/meta/tags/k").asText()).isEqualTo("v");
        assertThat(answer.at("/meta/requestPath/iris").asText()).isEqualTo("SKLEARN_SERVER");
        assertThat(answer.at("/meta/puid").asText()).isNotBlank();
    }

    @Test
    void newsClassifierPredict_stringNdarray_answersTheLabels() throws Exception {
        deploy(repository("news-nb", "news-classifier", "predict"));
        final JsonNode inputs = JSON.readTree(
                        fixture("news-nb").resolve("inputs.json").toFile())
                .at("/data/ndarray");
        final ArrayNode two = JSON.createArrayNode().add(inputs.get(0)).add(inputs.get(1));
        final JsonNode answer = pythonClient(
                "news-classifier", "{\"meta\": {}, \"data\": {\"ndarray\": " + JSON.writeValueAsString(two) + "}}");
        final JsonNode expected = JSON.readTree(
                        fixture("news-nb").resolve("expected.json").toFile())
                .get("predict");
        final List<Double> labels = List.of(
                answer.at("/data/ndarray/0").asDouble(),
                answer.at("/data/ndarray/1").asDouble());
        assertThat(labels)
                .containsExactly(expected.get(0).asDouble(), expected.get(1).asDouble());
    }
}
