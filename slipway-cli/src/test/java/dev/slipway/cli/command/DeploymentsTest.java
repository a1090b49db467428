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
import dev.slipway.testing.PythonRequests;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Tests for {@code slipway up} + {@code deploy|get|delete}: the real control plane with real {@code slipway serve}
 * processes serving the iris fixture, real HTTP through the gateway, under load.
 */
class DeploymentsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ROW = "{\"meta\": {}, \"data\": {\"ndarray\": [[1.0, 2.0, 3.0, 4.0]]}}";

    @TempDir
    Path dir;

    private ControlPlane plane;
    private Path dataDir;
    private Path manifests;

    @BeforeEach
    void start() throws Exception {
        dataDir = dir.resolve("data");
        manifests = Files.createDirectories(dir.resolve("repo/deploy"));
        ExampleModels.linearScorer(dir.resolve("repo"));
        plane = startPlane();
    }

    private ControlPlane startPlane() {
        final JavaServerCommand server = new JavaServerCommand(
                ProcessHandle.current().info().command().orElseThrow(),
                System.getProperty("java.class.path"),
                JavaServerCommand.SLIPWAY_MAIN,
                JavaServerCommand.DEFAULT_JVM_OPTIONS);
        final LocalRuntimeConfig runtime =
                LocalRuntimeConfig.defaults(dataDir, server).withGrace(Duration.ofSeconds(10));
        return new ControlPlane(new ControlPlaneConfig(runtime, "127.0.0.1", 0, 0, 2)).start();
    }

    @AfterEach
    void stop() {
        final List<Long> pids = pids();
        plane.close();
        assertGone(pids);
    }

    private List<Long> pids() {
        return plane.list().stream()
                .flatMap(d -> d.replicas().stream())
                .map(ReplicaStatus::pid)
                .filter(p -> p > 0)
                .toList();
    }

    private static void assertGone(List<Long> pids) {
        for (final long pid : pids) {
            assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false))
                    .as("process %d", pid)
                    .isFalse();
        }
    }

    private String api() {
        return "http://127.0.0.1:" + plane.apiPort();
    }

    /** A custom-server deployment of the example LinearScorer (its answer to [[1,2,3,4]] is 7.35 × scale). */
    private Path manifest(String name, int replicas, String scale) throws Exception {
        final Path file = manifests.resolve(name + ".yaml");
        Files.writeString(file, ExampleModels.linearScorerManifest(name, replicas, scale));
        return file;
    }

    private void deploy(Path file) {
        final Cli.Run run =
                Cli.run("deploy", "-f", file.toString(), "--namespace", "seldon", "--server", api(), "--wait");
        assertThat(run.code()).as(run.err()).isZero();
    }

    private DeploymentStatus status(String name) {
        return plane.deployments().status("seldon", name).orElseThrow();
    }

    private static void await(String what, BooleanSupplier condition) throws InterruptedException {
        final long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("waiting for " + what).isLessThan(deadline);
            Thread.sleep(50);
        }
    }

    private String predictUrl(String name) {
        return "http://127.0.0.1:" + plane.gatewayPort() + "/seldon/seldon/" + name + "/api/v1.0/predictions";
    }

    /** Exactly what SeldonClient(gateway="ambassador", transport="rest", payload_type="ndarray") sends. */
    private JsonNode pythonClientPredict(String name) throws Exception {
        final String raw = PythonRequests.post(
                plane.gatewayPort(), "/seldon/seldon/" + name + "/api/v1.0/predictions", ROW, Duration.ofSeconds(20));
        assertThat(raw).startsWith("HTTP/1.1 200");
        return JSON.readTree(PythonRequests.body(raw));
    }

    private static List<String> names(JsonNode node) {
        final List<String> names = new ArrayList<>();
        final Iterator<String> it = node.fieldNames();
        it.forEachRemaining(names::add);
        return names;
    }

    @Test
    void deploy_pythonClientRequest_getsTheModelsAnswerWithOnlySeldonFields() throws Exception {
        deploy(manifest("scorer", 1, "2"));
        final JsonNode answer = pythonClientPredict("scorer");
        assertThat(Set.of("status", "meta", "data", "binData", "strData", "jsonData", "customData"))
                .containsAll(names(answer));
        assertThat(Set.of("puid", "tags", "routing", "requestPath", "metrics")).containsAll(names(answer.get("meta")));
        assertThat(answer.at("/meta/requestPath/classifier").asText()).isEqualTo("example/linear-scorer:1.0");
        assertThat(answer.at("/meta/puid").asText()).isNotBlank();
        assertThat(answer.at("/data/ndarray/0").asDouble()).isCloseTo(14.7, within(1e-9));

        final Cli.Run get = Cli.run("get", "deployments", "--server", api());
        assertThat(get.code()).isZero();
        assertThat(get.out())
                .containsPattern("NAMESPACE\\s+NAME\\s+READY\\s+SERVING\\s+STATUS\\s+RESTARTS\\s+GENERATION\n")
                .containsPattern("seldon\\s+scorer\\s+1/1\\s+1\\s+Ready\\s+0\\s+1\n");
        final Cli.Run json = Cli.run("get", "deployment", "scorer", "-n", "seldon", "-o", "json", "--server", api());
        assertThat(JSON.readTree(json.out()).at("/conditions/0/type").asText()).isEqualTo("Ready");
        assertThat(JSON.readTree(json.out()).at("/wanted").asInt()).isEqualTo(1);
        assertThat(json.out()).endsWith("}\n");
        final Cli.Run yaml = Cli.run("get", "deployments", "-o", "yaml", "--server", api());
        assertThat(yaml.out())
                .startsWith("- namespace: seldon\n")
                .contains("  name: scorer\n", "  readyUpToDate: 1\n")
                .endsWith("\n");
        final Cli.Run wide = Cli.run("get", "deployments", "-o", "wide", "--server", api());
        assertThat(wide.out())
                .containsPattern("READY\\s+SERVING\\s+STATUS\\s+RESTARTS\\s+GENERATION\\s+REPLICAS\\s+CONDITION");
    }

    private static org.assertj.core.data.Offset<Double> within(double d) {
        return org.assertj.core.data.Offset.offset(d);
    }

    @Test
    void killedReplicaUnderLoad_noFailedRequest_andTheReplicaComesBack() throws Exception {
        deploy(manifest("iris", 2, "2"));
        try (LoadGenerator load = new LoadGenerator(predictUrl("iris"), ROW, 4)) {
            load.awaitMore(200, Duration.ofSeconds(30));
            final ReplicaStatus victim = status("iris").replicas().get(0);
            ProcessHandle.of(victim.pid()).orElseThrow().destroyForcibly();
            await(
                    "the killed replica to come back",
                    () -> status("iris").replicas().stream()
                            .anyMatch(r -> r.restarts() == 1 && r.state() == ReplicaState.READY));
            load.awaitMore(200, Duration.ofSeconds(30));
            load.close();
            assertThat(load.failures).isEmpty();
            assertThat(load.ok.get()).isGreaterThan(400);
        }
        assertThat(status("iris").replicas())
                .filteredOn(r -> r.restarts() == 1)
                .singleElement()
                .satisfies(r -> assertThat(r.lastExitCode()).isEqualTo(137));
    }

    @Test
    void rollingUpdateScaleDownAndOtherDeletionUnderLoad_noFailedRequest() throws Exception {
        deploy(manifest("iris", 2, "2"));
        deploy(manifest("other", 1, "2"));
        final List<Long> before = pids();
        try (LoadGenerator load = new LoadGenerator(predictUrl("iris"), ROW, 4)) {
            load.awaitMore(200, Duration.ofSeconds(30));
            deploy(manifest("iris", 2, "3"));
            load.awaitMore(200, Duration.ofSeconds(30));
            deploy(manifest("iris", 1, "3"));
            load.awaitMore(100, Duration.ofSeconds(30));
            final Cli.Run delete = Cli.run("delete", "deployment", "other", "-n", "seldon", "--server", api());
            assertThat(delete.code()).as(delete.err()).isZero();
            load.awaitMore(100, Duration.ofSeconds(30));
            load.close();
            assertThat(load.failures).isEmpty();
        }
        assertThat(status("iris").generation()).isEqualTo(3);
        assertThat(status("iris").replicas()).hasSize(1);
        assertThat(Cli.run("get", "deployments", "-n", "seldon", "--server", api())
                        .out())
                .containsPattern("seldon\\s+iris\\s+1/1\\s+1\\s+Ready\\s+");
        assertThat(plane.deployments().status("seldon", "other")).isEmpty();
        assertGone(before);
        assertThat(pythonClientPredict("iris").at("/data/ndarray/0").asDouble()).isCloseTo(7.35 * 3, within(1e-9));
    }

    @Test
    void rollingUpdate_getShowsWantedReadyAndOldReplicasServing_neverAFalseNextToAFullReady() throws Exception {
        deploy(manifest("iris", 2, "2"));
        final Cli.Run apply = Cli.run(
                "deploy", "-f", manifest("iris", 2, "3").toString(), "--namespace", "seldon", "--server", api());
        assertThat(apply.code()).as(apply.err()).isZero();
        final List<JsonNode> seen = new ArrayList<>();
        await("the rollout to finish", () -> {
            final Cli.Run get = Cli.run("get", "deployment", "iris", "-n", "seldon", "-o", "json", "--server", api());
            try {
                final JsonNode d = JSON.readTree(get.out());
                seen.add(d);
                return d.path("generation").asInt() == 2 && d.path("ready").asBoolean();
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        for (final JsonNode d : seen) {
            final long serving = java.util.stream.StreamSupport.stream(
                            d.path("replicas").spliterator(), false)
                    .filter(r -> r.path("state").asText().equals("Ready"))
                    .count();
            assertThat(d.path("wanted").asInt()).as(d.toString()).isEqualTo(2);
            assertThat(d.path("readyUpToDate").asInt())
                    .as(d.toString())
                    .isBetween(0, 2)
                    .isLessThanOrEqualTo((int) serving);
        }
        final Cli.Run table = Cli.run("get", "deployments", "-n", "seldon", "--server", api());
        assertThat(table.out())
                .containsPattern("seldon\\s+iris\\s+2/2\\s+2\\s+Ready\\s+0\\s+2\n")
                .doesNotContain("False");
    }

    @Test
    void restartOfTheControlPlane_restoresWhatWasDeployed() throws Exception {
        deploy(manifest("iris", 1, "2"));
        final List<Long> before = pids();
        plane.close();
        assertGone(before);
        plane = startPlane();
        await(
                "the restored deployment",
                () -> plane.deployments()
                        .status("seldon", "iris")
                        .map(DeploymentStatus::ready)
                        .orElse(false));
        assertThat(pythonClientPredict("iris").at("/data/ndarray/0").asDouble()).isCloseTo(14.7, within(1e-9));
        final Cli.Run delete = Cli.run("delete", "deployment", "iris", "-n", "seldon", "--server", api());
        assertThat(delete.code()).isZero();
        assertThat(Files.exists(dataDir.resolve("state/deployments/seldon/iris.json")))
                .isFalse();
        final Cli.Run missing = Cli.run("delete", "deployment", "iris", "-n", "seldon", "--server", api());
        assertThat(missing.code()).isEqualTo(1);
        assertThat(missing.err()).contains("no deployment 'iris' in namespace 'seldon'");
    }

    @Test
    void deploy_invalidManifest_isRefusedWithTheFieldPath() throws Exception {
        final Path bad = manifests.resolve("bad.yaml");
        Files.writeString(bad, Files.readString(manifest("x", 1, "2")).replace("replicas: 1", "replicas: -2"));
        final Cli.Run run = Cli.run("deploy", "-f", bad.toString(), "--server", api());
        assertThat(run.code()).isEqualTo(2);
        assertThat(run.err()).contains("spec.predictors[0].replicas: must not be negative, found -2");
        assertThat(plane.list()).isEmpty();
    }
}
