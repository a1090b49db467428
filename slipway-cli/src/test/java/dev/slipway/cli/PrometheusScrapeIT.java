package dev.slipway.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.slipway.api.ScrapeTargets;
import dev.slipway.client.SlipwayClient;
import dev.slipway.testing.LocalPrometheus;
import dev.slipway.testing.Promtool;
import dev.slipway.testing.ReferenceFixture;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Metrics people can scrape, end to end: a real {@code slipway up} serving one model in two namespaces, Debian's real
 * {@code prometheus} configured only with {@code http_sd_configs} pointing at {@code /api/v1/prometheus/targets} (the
 * scrape config of docs/metrics.md), and Debian's real {@code promtool} linting every endpoint it lists.
 */
class PrometheusScrapeIT {

    private static final Pattern STARTED =
            Pattern.compile("gateway http://127\\.0\\.0\\.1:(\\d+), API http://127\\.0\\.0\\.1:(\\d+)");
    private static final String ROW = "{\"data\": {\"ndarray\": [[5.5, 3.5, 1.3, 0.2]]}}";
    private static final Duration WAIT = Duration.ofSeconds(90);

    @TempDir
    Path dir;

    private final HttpClient http =
            HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    private static String manifest(String version, Path model) {
        return """
        apiVersion: machinelearning.seldon.io/v1
        kind: SeldonDeployment
        metadata:
          name: iris
        spec:
          predictors:
          - name: default
            labels: {version: %s}
            replicas: 1
            graph:
              name: classifier
              type: MODEL
              implementation: SKLEARN_SERVER
              modelUri: %s
        """.formatted(version, model.toUri());
    }

    /** The labels Prometheus gets for the one replica of iris in {@code namespace}. */
    private static Map<String, String> modelServerLabels(String namespace) {
        return Map.of(
                "slipway_component",
                "model-server",
                "namespace",
                namespace,
                "deployment_name",
                "iris",
                "predictor_name",
                "default",
                "model_name",
                "classifier",
                "replica",
                "0");
    }

    @Test
    void prometheus_discoversEveryTargetThroughTheApi_andSeesSeriesLabelledByNamespaceDeploymentPredictorNodeReplica()
            throws Exception {
        assumeTrue(
                LocalPrometheus.available() && Promtool.available(),
                "prometheus/promtool are not installed (Debian package prometheus; .ci/run installs it)");
        final Path model = Files.createDirectories(dir.resolve("iris"));
        Files.copy(ReferenceFixture.root().resolve("iris-logreg/model.joblib"), model.resolve("model.joblib"));
        final Path home = Files.createDirectories(dir.resolve("home"));
        try (SlipwayProcess up = SlipwayProcess.start(
                Map.of("HOME", home.toString()), SlipwayProcess.onFreePorts(dir.resolve("data"), "up"))) {
            final Matcher ports = up.awaitOut(STARTED, Duration.ofSeconds(90));
            final int gatewayPort = Integer.parseInt(ports.group(1));
            final String api = "http://127.0.0.1:" + ports.group(2);
            final SlipwayClient client = new SlipwayClient(api, null);
            client.applyAndWait("staging", "iris", manifest("v1", model), WAIT);
            client.applyAndWait("production", "iris", manifest("v2", model), WAIT);

            // the route: Prometheus' HTTP service-discovery JSON, every replica with its labels, the gateway, the API
            final HttpResponse<String> raw = http.send(
                    HttpRequest.newBuilder(URI.create(api + "/api/v1/prometheus/targets"))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(raw.statusCode()).isEqualTo(200);
            assertThat(raw.headers().firstValue("Content-Type").orElse("")).startsWith("application/json");
            final List<ScrapeTargets> targets = client.prometheusTargets();
            assertThat(targets)
                    .extracting(t -> t.labels().get(ScrapeTargets.COMPONENT))
                    .containsExactlyInAnyOrder("control-plane", "gateway", "model-server", "model-server");
            assertThat(targets)
                    .filteredOn(t -> "gateway".equals(t.labels().get(ScrapeTargets.COMPONENT)))
                    .singleElement()
                    .satisfies(t -> assertThat(t.targets()).containsExactly("127.0.0.1:" + gatewayPort));
            assertThat(targets)
                    .filteredOn(t -> "model-server".equals(t.labels().get(ScrapeTargets.COMPONENT)))
                    .extracting(ScrapeTargets::labels)
                    .containsExactlyInAnyOrder(modelServerLabels("staging"), modelServerLabels("production"));

            for (final String ns : List.of("staging", "production", "production")) {
                final HttpResponse<String> r = http.send(
                        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + gatewayPort + "/seldon/" + ns
                                        + "/iris/api/v1.0/predictions"))
                                .header("Content-Type", "application/json")
                                .POST(HttpRequest.BodyPublishers.ofString(ROW))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
                assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
            }

            // every endpoint the route lists passes promtool's format and lint checks
            for (final ScrapeTargets group : targets) {
                for (final String address : group.targets()) {
                    final HttpResponse<String> m = http.send(
                            HttpRequest.newBuilder(URI.create("http://" + address + "/metrics"))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
                    assertThat(m.statusCode()).as(address).isEqualTo(200);
                    assertThat(m.headers().firstValue("Content-Type").orElse(""))
                            .as(address)
                            .startsWith("text/plain");
                    final Promtool.Check check = Promtool.checkMetrics(m.body());
                    assertThat(check.clean())
                            .as(
                                    "promtool check metrics on %s (%s): exit %d, %s",
                                    address, group.labels(), check.exitCode(), check.output())
                            .isTrue();
                }
            }

            try (LocalPrometheus prometheus = LocalPrometheus.start(dir.resolve("prometheus"), """
          global:
            scrape_interval: 1s
            scrape_timeout: 1s
          scrape_configs:
            - job_name: slipway
              honor_labels: true
              http_sd_configs:
                - url: %s/api/v1/prometheus/targets
                  refresh_interval: 1s
          """.formatted(api))) {
                final String labels = "deployment_name=\"iris\",predictor_name=\"default\",model_name=\"classifier\","
                        + "replica=\"0\",slipway_component=\"model-server\",job=\"slipway\"";
                final JsonNode staging = await(
                        prometheus,
                        "seldon_api_executor_server_requests_seconds_count{namespace=" + "\"staging\"," + labels
                                + ",service=\"predictions\",code=\"200\"}");
                assertThat(staging.get(0)
                                .path("metric")
                                .path("predictor_version")
                                .asText())
                        .isEqualTo("v1");
                assertThat(staging.get(0).path("metric").path("model_image").asText())
                        .isEqualTo("SKLEARN_SERVER");
                assertThat(staging.get(0).path("value").get(1).asText()).isEqualTo("1");
                final JsonNode production = await(
                        prometheus,
                        "seldon_api_executor_server_requests_seconds_count{namespace=" + "\"production\"," + labels
                                + ",service=\"predictions\",code=\"200\"}");
                assertThat(production
                                .get(0)
                                .path("metric")
                                .path("predictor_version")
                                .asText())
                        .isEqualTo("v2");
                assertThat(production.get(0).path("value").get(1).asText()).isEqualTo("2");
                // the gateway's series of one deployment name in two namespaces are two series
                final JsonNode gateway = await(
                        prometheus,
                        "seldon_api_executor_server_requests_seconds_count{"
                                + "slipway_component=\"gateway\",deployment_name=\"iris\",service=\"predictions\"}");
                assertThat(gateway)
                        .extracting(s -> s.path("metric").path("namespace").asText())
                        .containsExactlyInAnyOrder("staging", "production");
                await(
                        prometheus,
                        "slipway_replicas{slipway_component=\"control-plane\",namespace=\"production\","
                                + "deployment_name=\"iris\",state=\"Ready\"}");
                final JsonNode upSeries = await(prometheus, "up{job=\"slipway\"} == 1");
                assertThat(upSeries).hasSize(4);
            }
            up.stop();
        }
    }

    /** Queries until the answer is not empty (bounded by {@link #WAIT}); Prometheus scrapes every second. */
    private static JsonNode await(LocalPrometheus prometheus, String promql) throws Exception {
        final long deadline = System.nanoTime() + WAIT.toNanos();
        JsonNode result = prometheus.query(promql);
        while (result.isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(200); // polling Prometheus' API; bounded by the deadline
            result = prometheus.query(promql);
        }
        assertThat(result)
                .as(
                        "no series for %s within %s; targets: %s; log: %s",
                        promql, WAIT, prometheus.activeTargets(), prometheus.log())
                .isNotEmpty();
        return result;
    }
}
