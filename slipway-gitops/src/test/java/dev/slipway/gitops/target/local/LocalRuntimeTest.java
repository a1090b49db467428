package dev.slipway.gitops.target.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.slipway.gitops.spec.Manifest;
import dev.slipway.gitops.spec.SpecException;
import dev.slipway.gitops.spec.SpecParser;
import dev.slipway.gitops.target.ConditionType;
import dev.slipway.gitops.target.DeploymentStatus;
import dev.slipway.gitops.target.ReplicaState;
import dev.slipway.gitops.target.ReplicaStatus;
import dev.slipway.gitops.testing.Await;
import dev.slipway.gitops.testing.FakeModelServer;
import dev.slipway.gitops.testing.RecordingListener;
import dev.slipway.testing.SeldonManifests;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Tests for {@link LocalRuntime}: real child processes on loopback ports. */
class LocalRuntimeTest {

    @TempDir
    Path dataDir;

    private final RecordingListener listener = new RecordingListener();
    private final SpecParser parser = new SpecParser();
    private final HttpClient http = HttpClient.newHttpClient();
    private LocalRuntime runtime;

    @BeforeEach
    void start() {
        final JavaServerCommand command = new JavaServerCommand(
                ProcessHandle.current().info().command().orElseThrow(), System.getProperty("java.class.path"),
                FakeModelServer.class.getName(),
                        java.util.stream.Stream.concat(
                                        JavaServerCommand.DEFAULT_JVM_OPTIONS.stream(),
                                        java.util.stream.Stream.of("-XX:-CreateCoredumpOnCrash"))
                                .toList());
        final LocalRuntimeConfig config = LocalRuntimeConfig.defaults(dataDir, command)
                .withReadyTimeout(Duration.ofSeconds(30))
                .withGrace(Duration.ofSeconds(5));
        runtime = new LocalRuntime(config, listener);
    }

    @AfterEach
    void stop() {
        final List<Long> pids = runtime.list().stream()
                .flatMap(d -> d.replicas().stream())
                .map(ReplicaStatus::pid)
                .filter(p -> p > 0)
                .toList();
        runtime.close();
        for (final long pid : pids) {
            assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false))
                    .as("pid %d", pid)
                    .isFalse();
        }
    }

    static String spec(String name, int replicas, String version) {
        return SeldonManifests.deployment("%s", """
        - name: p
          replicas: %d
          graph:
            name: m
            implementation: SKLEARN_SERVER
            modelUri: file:///models/m
            parameters: [{name: version, type: STRING, value: "%s"}]
        """).formatted(name, replicas, version);
    }

    private Manifest manifest(String yaml) {
        return parser.parse(yaml, "test.yaml", null);
    }

    private DeploymentStatus apply(String yaml) throws Exception {
        return runtime.apply(manifest(yaml), "default").get(60, TimeUnit.SECONDS);
    }

    private String predict(int port) throws Exception {
        return http.send(
                        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/predict"))
                                .POST(HttpRequest.BodyPublishers.ofString("{}"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString())
                .body();
    }

    @Test
    void apply_twoReplicas_startsTwoReadyServersOnDistinctPorts() throws Exception {
        final DeploymentStatus status = apply(spec("iris", 2, "v1"));
        assertThat(status.ready()).isTrue();
        assertThat(status.replicas()).hasSize(2).allMatch(r -> r.state() == ReplicaState.READY);
        assertThat(status.replicas())
                .extracting(ReplicaStatus::port)
                .doesNotHaveDuplicates()
                .doesNotContain(0);
        for (final ReplicaStatus r : status.replicas()) {
            assertThat(predict(r.port())).contains("\"m\",\"v1\"");
        }
        assertThat(listener.events()).containsExactlyInAnyOrder("ready p/m#0", "ready p/m#1", "changed iris");
    }

    @Test
    void killedReplica_isWithdrawnRestartedAndRecorded() throws Exception {
        final DeploymentStatus status = apply(spec("iris", 2, "v1"));
        final ReplicaStatus victim = status.replicas().get(0);
        ProcessHandle.of(victim.pid()).orElseThrow().destroyForcibly();
        Await.until(
                "a restart of the killed replica",
                Duration.ofSeconds(30),
                () -> runtime.status("default", "iris").orElseThrow().replicas().stream()
                        .anyMatch(r -> r.restarts() == 1 && r.state() == ReplicaState.READY));
        final ReplicaStatus restarted =
                runtime.status("default", "iris").orElseThrow().replicas().get(0);
        assertThat(restarted.lastExitCode()).isEqualTo(137);
        assertThat(restarted.lastExitTime()).isNotNull();
        assertThat(restarted.pid()).isNotEqualTo(victim.pid());
        assertThat(predict(restarted.port())).contains("\"m\"");
        assertThat(listener.events()).containsSubsequence("unavailable p/m#0", "ready p/m#0");
    }

    @Test
    void apply_serverFailsToLoad_failsNamingReplicaAndLogTail_andLeavesNothingRunning() {
        final String yaml = spec("broken", 1, "v1")
                .replace(
                        "parameters: [{name: version, type: STRING, value: \"v1\"}]",
                        "parameters: [{name: fail, type: INT, value: \"3\"}]");
        assertThatThrownBy(() -> runtime.apply(manifest(yaml), "default").get(60, TimeUnit.SECONDS))
                .isInstanceOf(ExecutionException.class)
                .cause()
                .isInstanceOf(ReplicaFailure.class)
                .hasMessageContaining("replica default/broken/p/m#0 did not become ready")
                .hasMessageContaining("exited with code 3")
                .hasMessageContaining("cannot load model file:///models/m: simulated failure");
        final DeploymentStatus status = runtime.status("default", "broken").orElseThrow();
        assertThat(status.ready()).isFalse();
        assertThat(status.condition(ConditionType.STALLED))
                .hasValueSatisfying(c -> assertThat(c.message()).contains("simulated failure"));
        assertThat(status.replicas()).isEmpty();
    }

    @Test
    void apply_serverJvmCrashes_failureAndStatusNameTheCrashReportBesideTheLog() throws Exception {
        final String yaml = spec("crashing", 1, "v1")
                .replace(
                        "parameters: [{name: version, type: STRING, value: \"v1\"}]",
                        "parameters: [{name: crash, type: STRING, value: jvm}]");
        assertThatThrownBy(() -> runtime.apply(manifest(yaml), "default").get(60, TimeUnit.SECONDS))
                .isInstanceOf(ExecutionException.class)
                .cause()
                .isInstanceOf(ReplicaFailure.class)
                .hasMessageContaining(" (JVM crash report: "
                        + dataDir.toAbsolutePath().resolve("logs/default/crashing/p-m-0.hs_err_pid"))
                .hasMessageContaining("--- JVM crash report: ");
        try (var reports = Files.list(dataDir.resolve("logs/default/crashing"))) {
            final List<Path> found = reports.filter(
                            f -> f.getFileName().toString().startsWith("p-m-0.hs_err_pid"))
                    .toList();
            assertThat(found).hasSize(3);
            assertThat(Files.readString(found.get(0))).contains("A fatal error has been detected by the Java Runtime");
        }
        assertThat(Files.readString(dataDir.resolve("logs/default/crashing/p-m-0.log")))
                .contains("--- command: "
                        + ProcessHandle.current().info().command().orElseThrow() + " @"
                        + dataDir.toAbsolutePath().resolve("logs/default/crashing/p-m-0.args"));
    }

    @Test
    void apply_changedSpec_rollsOneReplicaAtATimeNewReadyBeforeOldDrained() throws Exception {
        final DeploymentStatus before = apply(spec("iris", 2, "v1"));
        final DeploymentStatus after = apply(spec("iris", 2, "v2"));
        assertThat(after.generation()).isEqualTo(2);
        assertThat(after.replicas()).hasSize(2).allMatch(r -> r.state() == ReplicaState.READY);
        assertThat(after.replicas())
                .extracting(ReplicaStatus::revision)
                .doesNotContainAnyElementsOf(
                        before.replicas().stream().map(ReplicaStatus::revision).toList());
        for (final ReplicaStatus r : after.replicas()) {
            assertThat(predict(r.port())).contains("\"v2\"");
        }
        for (final ReplicaStatus r : before.replicas()) {
            assertThat(ProcessHandle.of(r.pid()).map(ProcessHandle::isAlive).orElse(false))
                    .isFalse();
        }
        final List<String> events = listener.events();
        assertThat(events.subList(3, events.size()))
                .containsExactly("ready p/m#2", "drain p/m#0", "ready p/m#3", "drain p/m#1", "changed iris");
    }

    @Test
    void apply_fewerReplicas_drainsTheExtraOnesAfterTheRouteChange() throws Exception {
        apply(spec("iris", 3, "v1"));
        final DeploymentStatus after = apply(spec("iris", 1, "v1"));
        assertThat(after.replicas()).hasSize(1);
        assertThat(listener.events()).endsWith("changed iris", "drain p/m#2", "drain p/m#1");
    }

    @Test
    void delete_removesRouteThenDrainsAndStopsEverything() throws Exception {
        final DeploymentStatus status = apply(spec("iris", 2, "v1"));
        assertThat(runtime.delete("default", "iris").get(30, TimeUnit.SECONDS)).isTrue();
        assertThat(runtime.status("default", "iris")).isEmpty();
        for (final ReplicaStatus r : status.replicas()) {
            assertThat(ProcessHandle.of(r.pid()).map(ProcessHandle::isAlive).orElse(false))
                    .isFalse();
        }
        final List<String> events = listener.events();
        assertThat(events.indexOf("removed iris"))
                .isPositive()
                .isLessThan(events.indexOf("drain p/m#0"))
                .isLessThan(events.indexOf("drain p/m#1"));
        assertThat(runtime.delete("default", "iris").get(30, TimeUnit.SECONDS)).isFalse();
    }

    @Test
    void check_imageOnlyContainer_namesTheNodeAndTheConvention() {
        final String yaml = SeldonManifests.deployment("custom", """
        - name: p
          componentSpecs: [{spec: {containers: [{name: scorer, image: acme/scorer:1}]}}]
          graph: {name: scorer, type: MODEL}
        """);
        assertThatThrownBy(() -> runtime.check(manifest(yaml), "default"))
                .isInstanceOf(SpecException.class)
                .hasMessageContaining("spec.predictors[0].graph: node 'scorer' runs container image 'acme/scorer:1'")
                .hasMessageContaining("it has no artifact store")
                .hasMessageContaining("SLIPWAY_MODEL_CLASS");
    }
}
