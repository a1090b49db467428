package dev.slipway.controlplane.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.slipway.controlplane.ControlPlane;
import dev.slipway.controlplane.TestConfigs;
import dev.slipway.controlplane.auth.Role;
import dev.slipway.testing.Promtool;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Tests for {@link PrometheusApi} on a real control plane with {@code --auth}: real HTTP, real promtool. */
class PrometheusApiTest {

    @TempDir
    Path tmp;

    private ControlPlane plane;
    private final HttpClient http =
            HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @BeforeEach
    void start() {
        plane = new ControlPlane(TestConfigs.noModelServers(tmp.resolve("data")).withAuth(true)).start();
    }

    @AfterEach
    void stop() {
        plane.close();
    }

    private HttpResponse<String> get(String path, String token) throws Exception {
        final HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + plane.apiPort() + path));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void targets_needATokenAsEveryReadRoute_andAnswerPrometheusServiceDiscoveryJson() throws Exception {
        assertThat(get(PrometheusApi.TARGETS, null).statusCode()).isEqualTo(401);
        final String token = plane.tokens().create("prom", Role.DEVELOPER);
        final HttpResponse<String> r = get(PrometheusApi.TARGETS, token);
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type")).hasValue("application/json");
        final var groups = Replies.mapper().readTree(r.body());
        assertThat(groups.isArray()).isTrue();
        assertThat(groups).hasSize(2);
        assertThat(groups.get(0).get("targets").get(0).asText()).isEqualTo("127.0.0.1:" + plane.apiPort());
        assertThat(groups.get(0).get("labels").get("slipway_component").asText())
                .isEqualTo("control-plane");
        assertThat(groups.get(1).get("targets").get(0).asText()).isEqualTo("127.0.0.1:" + plane.gatewayPort());
        assertThat(groups.get(1).get("labels").get("slipway_component").asText())
                .isEqualTo("gateway");
        assertThat(groups.get(0).size())
                .as("only targets and labels: %s", groups.get(0))
                .isEqualTo(2);
    }

    @Test
    void metrics_needAToken_andPassPromtoolCheckMetrics() throws Exception {
        assertThat(get("/metrics", null).statusCode()).isEqualTo(401);
        final HttpResponse<String> r = get("/metrics", plane.tokens().create("prom", Role.DEVELOPER));
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type").orElse("")).startsWith("text/plain");
        assertThat(r.body()).contains("# TYPE jvm_memory_used_bytes gauge").contains("process_uptime_seconds");
        assumeTrue(Promtool.available(), "promtool is not installed (Debian package prometheus; .ci/run installs it)");
        final Promtool.Check check = Promtool.checkMetrics(r.body());
        assertThat(check.clean())
                .as("promtool check metrics: exit %d, %s", check.exitCode(), check.output())
                .isTrue();
    }
}
