package dev.slipway.cli.command;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.slipway.cli.Cli;
import dev.slipway.controlplane.ControlPlane;
import dev.slipway.controlplane.ControlPlaneConfig;
import dev.slipway.gitops.target.DeploymentStatus;
import dev.slipway.gitops.target.ReplicaState;
import dev.slipway.gitops.target.ReplicaStatus;
import dev.slipway.gitops.target.local.JavaServerCommand;
import dev.slipway.gitops.target.local.LocalRuntimeConfig;
import dev.slipway.gitops.target.local.PackConfig;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Tests for packed replicas ({@code slipway up --pack-models}): the real control plane whose SKLEARN_SERVER and
 * XGBOOST_SERVER replicas are models of shared {@code slipway serve --packed} processes, real HTTP through the gateway,
 * the shared fixtures' models and expected outputs.
 */
class PackedDeploymentsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @TempDir
    Path dir;

    private ControlPlane plane;
    private final Set<Long> pids = new HashSet<>();

    private void startPlane(int processes) {
        final JavaServerCommand server = new JavaServerCommand(
                ProcessHandle.current().info().command().orElseThrow(),
                System.getProperty("java.class.path"),
                JavaServerCommand.SLIPWAY_MAIN,
                JavaServerCommand.DEFAULT_JVM_OPTIONS);
        final LocalRuntimeConfig runtime = LocalRuntimeConfig.defaults(dir.resolve("data"), server)
                .withGrace(Duration.ofSeconds(10))
                .withPack(new PackConfig(true, processes));
        plane = new ControlPlane(new ControlPlaneConfig(runtime, "127.0.0.1", 0, 0, 2)).start();
    }

    @AfterEach
    void stop() {
        if (plane == null) {
            return;
        }
        pids.addAll(hostPids());
        plane.close();
        for (final long pid : pids) {
            assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false))
                    .as("process %d", pid)
                    .isFalse();
        }
    }

    private Set<Long> hostPids() {
        final Set<Long> out = new HashSet<>();
        plane.list()
                .forEach(d -> d.replicas().stream()
                        .map(ReplicaStatus::pid)
                        .filter(p -> p > 0)
                        .forEach(out::add));
        return out;
    }

    private static Path fixture(String name) {
        return Path.of(System.getProperty("slipway.fixtures", "../../shared/fixtures"), name)
                .toAbsolutePath()
                .normalize();
    }

    /** A one-node deployment of a fixture's model answering predict_proba. */
    private Path manifest(String name, int replicas, String implementation, String fixture) throws Exception {
        final Path file = Files.createDirectories(dir.resolve("deploy")).resolve(name + ".yaml");
        Files.writeString(file, """
                apiVersion: machinelearning.seldon.io/v1
                kind: SeldonDeployment
                metadata:
                  name: %s
                spec:
                  predictors:
                  - name: default
                    replicas: %d
                    graph:
                      name: classifier
                      implementation: %s
                      modelUri: %s
                      parameters:
                      - {name: method, type: STRING, value: predict_proba}
                """.formatted(name, replicas, implementation, fixture(fixture)));
        return file;
    }

    private Cli.Run deploy(Path file) {
        return Cli.run("deploy", "-f", file.toString(), "--namespace", "seldon", "--server", api(), "--wait");
    }

    private void deployed(Path file) {
        final Cli.Run run = deploy(file);
        assertThat(run.code()).as(run.err()).isZero();
    }

    private String api() {
        return "http://127.0.0.1:" + plane.apiPort();
    }

    private DeploymentStatus status(String name) {
        return plane.deployments().status("seldon", name).orElseThrow();
    }

    private static void await(String what, BooleanSupplier condition) throws InterruptedException {
        InProcessPlanes.await(what, Duration.ofSeconds(120), condition);
    }

    private String gateway(String name, String path) {
        return "http://127.0.0.1:" + plane.gatewayPort() + "/seldon/seldon/" + name + path;
    }

    private static HttpResponse<String> post(String url, String body) throws Exception {
        return LoadGenerator.post(HTTP, url, body);
    }

    /** Asserts that deployment {@code name} answers the fixture's inputs with its expected probabilities (Seldon v1). */
    private void answersLike(String name, String fixture) throws Exception {
        final JsonNode inputs =
                JSON.readTree(fixture(fixture).resolve("inputs.json").toFile());
        final JsonNode expected = JSON.readTree(
                        fixture(fixture).resolve("expected.json").toFile())
                .get("predict_proba");
        final HttpResponse<String> r = post(gateway(name, "/api/v1.0/predictions"), inputs.toString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        final JsonNode got = JSON.readTree(r.body()).at("/data/ndarray");
        assertThat(got.size()).isEqualTo(expected.size());
        for (int i = 0; i < expected.size(); i++) {
            for (int j = 0; j < expected.get(i).size(); j++) {
                assertThat(got.get(i).get(j).asDouble())
                        .as("%s row %d column %d", name, i, j)
                        .isCloseTo(expected.get(i).get(j).asDouble(), org.assertj.core.data.Offset.offset(1e-6));
            }
        }
    }

    private static String v2Row() {
        return "{\"inputs\":[{\"name\":\"input-0\",\"shape\":[1,4],\"datatype\":\"FP64\",\"data\":[5.5,3.5,1.3,0.2]}]}";
    }

    /** The repository index of the shared process on {@code port}: model name → state and reason. */
    private static Map<String, String> index(int port) throws Exception {
        final Map<String, String> out = new java.util.TreeMap<>();
        final String body =
                post("http://127.0.0.1:" + port + "/v2/repository/index", "{}").body();
        for (final JsonNode row : JSON.readTree(body)) {
            out.put(
                    row.path("name").asText(),
                    (row.path("state").asText() + " " + row.path("reason").asText()).strip());
        }
        return out;
    }

    /** {@code slipway predict} of one iris row over gRPC through the gateway to {@code deployment}. */
    private Cli.Run grpcPredict(String deployment, String... more) {
        final List<String> args = new java.util.ArrayList<>(List.of(
                "predict",
                "--gateway",
                "127.0.0.1:" + plane.gatewayPort(),
                "-n",
                "seldon",
                "-d",
                deployment,
                "--transport",
                "grpc",
                "--data",
                "[[5.5,3.5,1.3,0.2]]"));
        args.addAll(List.of(more));
        return Cli.run(args.toArray(String[]::new));
    }

    /** One shared process hosting a scikit-learn deployment (logreg) and an XGBoost one (xgb). */
    private void oneProcessWithLogregAndXgb() throws Exception {
        startPlane(1);
        deployed(manifest("logreg", 1, "SKLEARN_SERVER", "iris-logreg"));
        deployed(manifest("xgb", 1, "XGBOOST_SERVER", "iris-xgb"));
    }

    @Test
    void twoModelsInOneProcess_answerTheirOwnFixtures_andOneModelsBadRequestsTouchOnlyIt() throws Exception {
        oneProcessWithLogregAndXgb();
        final ReplicaStatus a = status("logreg").replicas().get(0);
        final ReplicaStatus b = status("xgb").replicas().get(0);
        assertThat(a.packedIn()).isNotNull();
        assertThat(b.packedIn()).isNotNull();
        assertThat(a.pid()).as("one shared process").isEqualTo(b.pid()).isPositive();
        assertThat(a.packedIn().host()).isEqualTo("packed-0");
        answersLike("logreg", "iris-logreg");
        answersLike("xgb", "iris-xgb");
        // Open Inference Protocol v2 through the gateway reaches the model under the node's name
        final HttpResponse<String> v2 = post(gateway("xgb", "/v2/models/classifier/infer"), v2Row());
        assertThat(v2.statusCode()).as(v2.body()).isEqualTo(200);
        assertThat(JSON.readTree(v2.body()).path("model_name").asText()).isEqualTo("classifier");
        // gRPC through the gateway (Seldon's Predict, OIP v2 ModelInfer) reaches the packed model as well
        final double want = JSON.readTree(
                        fixture("iris-xgb").resolve("expected.json").toFile())
                .at("/predict_proba/0/0")
                .asDouble();
        final Cli.Run grpc = grpcPredict("xgb");
        assertThat(grpc.code()).as(grpc.out() + grpc.err()).isZero();
        assertThat(JSON.readTree(grpc.out().lines().findFirst().orElseThrow())
                        .at("/data/ndarray/0/0")
                        .asDouble())
                .isCloseTo(want, org.assertj.core.data.Offset.offset(1e-6));
        final Cli.Run grpcV2 = grpcPredict("xgb", "--protocol", "v2", "--model", "classifier");
        assertThat(grpcV2.code()).as(grpcV2.out() + grpcV2.err()).isZero();
        assertThat(grpcV2.out()).contains("classifier");
        // a request the model rejects (3 features for 4) fails alone: its neighbour and itself keep answering
        final HttpResponse<String> bad =
                post(gateway("logreg", "/api/v1.0/predictions"), "{\"data\":{\"ndarray\":[[1,2,3]]}}");
        assertThat(bad.statusCode()).as(bad.body()).isBetween(400, 499);
        answersLike("xgb", "iris-xgb");
        answersLike("logreg", "iris-logreg");
        // each model's own metrics on the shared process, labelled as its replica
        final HttpResponse<String> metrics = HTTP.send(
                HttpRequest.newBuilder(URI.create(
                                "http://127.0.0.1:" + b.port() + b.packedIn().path() + "/prometheus"))
                        .GET()
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(metrics.body())
                .contains("deployment_name=\"xgb\"", "model_name=\"classifier\"", "namespace=\"seldon\"")
                .doesNotContain("deployment_name=\"logreg\"");
        // status names the shared process serving each packed replica
        final Cli.Run json = Cli.run("get", "deployment", "xgb", "-n", "seldon", "-o", "json", "--server", api());
        assertThat(JSON.readTree(json.out()).at("/replicas/0/sharedProcess").asText())
                .isEqualTo("packed-0");
        assertThat(JSON.readTree(json.out()).at("/replicas/0/model").asText())
                .isEqualTo(b.packedIn().model());
    }

    @Test
    void delete_unloadsTheModelFromItsProcess_whichKeepsServingTheOthers() throws Exception {
        oneProcessWithLogregAndXgb();
        final ReplicaStatus gone = status("logreg").replicas().get(0);
        final Cli.Run delete = Cli.run("delete", "deployment", "logreg", "-n", "seldon", "--server", api());
        assertThat(delete.code()).as(delete.err()).isZero();
        await(
                "the deletion",
                () -> plane.deployments().status("seldon", "logreg").isEmpty());
        final Map<String, String> index = index(gone.port());
        assertThat(index).containsEntry(gone.packedIn().model(), "UNAVAILABLE unloaded");
        assertThat(index)
                .containsEntry(status("xgb").replicas().get(0).packedIn().model(), "READY");
        assertThat(status("xgb").replicas().get(0).pid()).isEqualTo(gone.pid());
        assertThat(ProcessHandle.of(gone.pid()).map(ProcessHandle::isAlive).orElse(false))
                .isTrue();
        answersLike("xgb", "iris-xgb");
        assertThat(post(gateway("logreg", "/api/v1.0/predictions"), "{\"data\":{\"ndarray\":[[1,2,3,4]]}}")
                        .statusCode())
                .isEqualTo(404);
    }

    @Test
    void rollingUpdateUnderLoad_noFailedRequest_andTheOldModelIsUnloaded() throws Exception {
        startPlane(2);
        deployed(manifest("iris", 2, "SKLEARN_SERVER", "iris-logreg"));
        final List<String> before = status("iris").replicas().stream()
                .map(r -> r.packedIn().model())
                .toList();
        final List<Integer> ports = status("iris").replicas().stream()
                .map(ReplicaStatus::port)
                .distinct()
                .toList();
        try (LoadGenerator load = new LoadGenerator(
                gateway("iris", "/api/v1.0/predictions"), "{\"data\":{\"ndarray\":[[5.5,3.5,1.3,0.2]]}}", 4)) {
            load.awaitMore(200, Duration.ofSeconds(60));
            deployed(manifest("iris", 2, "XGBOOST_SERVER", "iris-xgb"));
            load.awaitMore(200, Duration.ofSeconds(60));
            load.close();
            assertThat(load.failures).isEmpty();
        }
        answersLike("iris", "iris-xgb");
        final DeploymentStatus after = status("iris");
        assertThat(after.generation()).isEqualTo(2);
        assertThat(after.replicas()).hasSize(2).allMatch(r -> r.state() == ReplicaState.READY);
        assertThat(after.replicas()).noneMatch(r -> before.contains(r.packedIn().model()));
        final Map<String, String> indexes = new java.util.TreeMap<>();
        for (final int port : ports) {
            indexes.putAll(index(port));
        }
        before.forEach(old -> assertThat(indexes).containsEntry(old, "UNAVAILABLE unloaded"));
    }

    @Test
    void killedSharedProcessAndAModelThatFailsToLoad_theOthersKeepServing_andTheKilledModelsComeBack()
            throws Exception {
        startPlane(2);
        deployed(manifest("iris", 2, "SKLEARN_SERVER", "iris-logreg"));
        deployed(manifest("xgb", 1, "XGBOOST_SERVER", "iris-xgb"));
        assertThat(status("iris").replicas().stream().map(ReplicaStatus::pid).distinct())
                .as("a node's replicas on different processes")
                .hasSize(2);
        pids.addAll(hostPids());
        final Cli.Run broken = deploy(manifest("broken", 1, "SKLEARN_SERVER", "corrupt-empty"));
        assertThat(broken.code()).isNotZero();
        assertThat(status("broken").ready()).isFalse();
        assertThat(status("broken").conditions())
                .anySatisfy(c -> assertThat(c.message()).contains("failed 3 loads in a row", "answered 422"));
        answersLike("iris", "iris-logreg");
        answersLike("xgb", "iris-xgb");
        try (LoadGenerator load = new LoadGenerator(
                gateway("iris", "/api/v1.0/predictions"), "{\"data\":{\"ndarray\":[[5.5,3.5,1.3,0.2]]}}", 4)) {
            load.awaitMore(200, Duration.ofSeconds(60));
            final ReplicaStatus victim = status("iris").replicas().get(0);
            ProcessHandle.of(victim.pid()).orElseThrow().destroyForcibly();
            await(
                    "the killed process's models to come back",
                    () -> status("iris").replicas().stream()
                                    .anyMatch(r -> r.restarts() == 1 && r.state() == ReplicaState.READY)
                            && status("iris").ready());
            load.awaitMore(200, Duration.ofSeconds(60));
            load.close();
            assertThat(load.failures).isEmpty();
        }
        answersLike("iris", "iris-logreg");
        await("xgb to be ready again", () -> status("xgb").ready());
        answersLike("xgb", "iris-xgb");
    }
}
