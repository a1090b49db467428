package dev.slipway.controlplane.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.slipway.controlplane.ControlPlane;
import dev.slipway.controlplane.TestConfigs;
import dev.slipway.controlplane.auth.Role;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Tests for {@link LogsApi}: what it reads, and every spelling an attacker tries to read something else. */
class LogsApiTest {

    @TempDir
    Path tmp;

    private ControlPlane plane;
    private String admin;
    private String developer;
    private final HttpClient http =
            HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @BeforeEach
    void start() throws Exception {
        final Path data = tmp.resolve("data");
        final Path iris = Files.createDirectories(data.resolve("logs/default/iris"));
        final Instant now = Instant.now();
        Files.writeString(
                iris.resolve("main-classifier-0.log"),
                "--- default/iris/main/classifier#0 start #1 at "
                        + now.minusSeconds(3600) + " (revision r)\n" + now.minusSeconds(3600) + " INFO old line\n"
                        + now.minusSeconds(5)
                        + " INFO served a prediction\n");
        Files.writeString(
                iris.resolve("main-classifier-1.log"),
                "--- default/iris/main/classifier#1 start #1 at " + now.minusSeconds(10) + " (revision r)\n");
        Files.createDirectories(data.resolve("logs/other/secret"));
        Files.writeString(data.resolve("logs/other/secret/main-m-0.log"), "SECRET OF ANOTHER NAMESPACE\n");
        Files.createDirectories(data.resolve("auth"));
        Files.writeString(ControlPlane.logFile(data), now + " INFO dev.slipway.controlplane started\n");
        plane = new ControlPlane(TestConfigs.noModelServers(data).withAuth(true)).start();
        admin = plane.tokens().create("root", Role.ADMIN);
        developer = plane.tokens().create("dev", Role.DEVELOPER);
    }

    @AfterEach
    void stop() {
        plane.close();
    }

    private HttpResponse<String> get(String rawPath, String token) throws Exception {
        return http.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + plane.apiPort() + rawPath))
                        .header("Authorization", "Bearer " + token)
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void deploymentLogs_everyReplicaPrefixed_forAnyRole() throws Exception {
        final HttpResponse<String> r = get("/api/v1/namespaces/default/deployments/iris/logs", developer);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type"))
                .hasValueSatisfying(t -> assertThat(t).startsWith("text/plain"));
        assertThat(r.body())
                .contains("[classifier/replica-0] ")
                .contains("INFO served a prediction")
                .contains("[classifier/replica-1] --- default/iris/main/classifier#1")
                .doesNotContain("SECRET");
    }

    @Test
    void deploymentLogs_sinceAndReplica_filter() throws Exception {
        final HttpResponse<String> r =
                get("/api/v1/namespaces/default/deployments/iris/logs?since=1m&replica=0", admin);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        assertThat(r.body())
                .isEqualTo("[classifier/replica-0] " + r.body().substring(23).strip() + "\n")
                .contains("served a prediction")
                .doesNotContain("old line");
    }

    @Test
    void deploymentLogs_withoutAToken_is401() throws Exception {
        final HttpResponse<String> r = http.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + plane.apiPort()
                                + "/api/v1/namespaces/default/deployments/iris/logs"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(401);
    }

    /** Every spelling that would leave the deployment's own folder: 400 or 404, never another file's bytes. */
    @ParameterizedTest
    @ValueSource(
            strings = {
                "/api/v1/namespaces/default/deployments/..%2f..%2fother%2fsecret/logs",
                "/api/v1/namespaces/default/deployments/..%2F..%2Fauth/logs",
                "/api/v1/namespaces/..%2fother/deployments/secret/logs",
                "/api/v1/namespaces/default/deployments/%2e%2e/logs",
                "/api/v1/namespaces/default/deployments/iris%2f..%2f..%2fother%2fsecret/logs",
                "/api/v1/namespaces/default/deployments/secret/logs",
                "/api/v1/namespaces/default/deployments/iris/logs?node=..%2f..%2fother",
                "/api/v1/namespaces/default/deployments/iris/logs?replica=..%2f0",
                "/api/v1/namespaces/default/deployments/iris/logs?since=yesterday",
                "/api/v1/namespaces/default/deployments/iris/logs?follow=maybe",
                "/api/v1/namespaces/Default/deployments/iris/logs"
            })
    void deploymentLogs_attackerSpellings_refused(String path) throws Exception {
        final HttpResponse<String> r = get(path, admin);
        assertThat(r.statusCode()).as(path + " -> " + r.body()).isIn(400, 404);
        assertThat(r.body()).doesNotContain("SECRET").doesNotContain("[]");
    }

    @Test
    void deploymentLogs_anotherNamespace_onlyItsOwn() throws Exception {
        final HttpResponse<String> r = get("/api/v1/namespaces/other/deployments/secret/logs", developer);
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).contains("/replica-0] SECRET OF ANOTHER NAMESPACE").doesNotContain("iris");
    }

    @Test
    void controlPlaneLog_adminOnly() throws Exception {
        assertThat(get("/api/v1/controlplane/log", developer).statusCode()).isEqualTo(403);
        final HttpResponse<String> r = get("/api/v1/controlplane/log?since=1h", admin);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        assertThat(r.body()).contains("INFO dev.slipway.controlplane started");
    }
}
