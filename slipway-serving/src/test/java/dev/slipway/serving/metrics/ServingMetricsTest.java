package dev.slipway.serving.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.slipway.model.Metric;
import dev.slipway.serving.ServingConfig;
import dev.slipway.serving.testing.ServerExtension;
import dev.slipway.serving.testing.TestModels;
import dev.slipway.support.ReplicaIdentity;
import dev.slipway.testing.Promtool;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Tests for {@link ServingMetrics} on a real model server: the replica's labels, and promtool's lint. */
class ServingMetricsTest {

    private static final ReplicaIdentity REPLICA =
            new ReplicaIdentity("staging", "iris", "default", "v2", "doubler", "doubler-server:1.4", "3");

    @RegisterExtension
    static final ServerExtension SERVER = new ServerExtension(
            "doubler", TestModels.Doubler::new, ServingConfig.defaults().withIdentity(REPLICA), Map.of());

    @Test
    void everySeries_carriesTheReplicasIdentity_underSeldonsLabelNames() throws Exception {
        SERVER.post("/api/v1.0/predictions", "{\"strData\": \"x\"}");
        final String text = SERVER.get("/metrics").body();
        final String labels = "deployment_name=\"iris\",model_image=\"doubler-server\",model_name=\"doubler\","
                + "model_version=\"1.4\",namespace=\"staging\",predictor_name=\"default\",predictor_version=\"v2\","
                + "replica=\"3\"";
        assertThat(text).containsPattern("doubler_calls_total\\{" + Pattern.quote(labels) + "} ");
        assertThat(text)
                .containsPattern("seldon_api_executor_server_requests_seconds_count\\{code=\"200\","
                        + "deployment_name=\"iris\",method=\"POST\",model_image=\"doubler-server\",model_name=\"doubler\","
                        + "model_version=\"1.4\",namespace=\"staging\",predictor_name=\"default\",predictor_version=\"v2\","
                        + "replica=\"3\",service=\"predictions\"} ");
        assertThat(text).doesNotContain("deployment_name=\"\"");
    }

    @Test
    void metrics_passPromtoolCheckMetrics() throws Exception {
        assumeTrue(Promtool.available(), "promtool is not installed (Debian package prometheus; .ci/run installs it)");
        SERVER.post("/api/v1.0/predictions", "{\"strData\": \"x\"}");
        SERVER.post("/api/v1.0/feedback", "{\"reward\": 0.5}");
        final Promtool.Check check =
                Promtool.checkMetrics(SERVER.get("/metrics").body());
        assertThat(check.clean())
                .as("promtool check metrics: exit %d, %s", check.exitCode(), check.output())
                .isTrue();
    }

    @Test
    void custom_sameMetricReportedAgain_addsUpOnOneSeries_andInvalidOrClashingOnesAreSkippedEachTime() {
        final ServingMetrics metrics = new ServingMetrics(REPLICA);
        final Metric counter = new Metric("my_calls", Metric.Type.COUNTER, 2, Map.of("kind", "a"));
        final Metric gauge = new Metric("my_level", Metric.Type.GAUGE, 5, Map.of());
        final Metric clash = new Metric("my_calls", Metric.Type.GAUGE, 1, Map.of("kind", "a"));
        final Metric invalid = new Metric("9bad-name", Metric.Type.COUNTER, 1, Map.of());
        for (int i = 0; i < 3; i++) {
            metrics.custom(List.of(counter, gauge, clash, invalid));
        }
        metrics.custom(List.of(new Metric("my_level", Metric.Type.GAUGE, 7, Map.of())));
        final String text = metrics.scrape();
        assertThat(text).containsPattern("my_calls_total\\{[^}]*kind=\"a\"[^}]*} 6\\.0");
        assertThat(text).containsPattern("my_level\\{[^}]*} 7\\.0");
        assertThat(text).containsPattern("slipway_custom_metrics_rejected_total\\{[^}]*} 3\\.0");
        assertThat(text).doesNotContain("9bad");
    }

    @Test
    void validName_isPrometheusNameSyntax() {
        assertThat(ServingMetrics.validName("a_b:c9")).isTrue();
        assertThat(ServingMetrics.validName("_x")).isTrue();
        assertThat(ServingMetrics.validName(":x")).isTrue();
        assertThat(ServingMetrics.validName("")).isFalse();
        assertThat(ServingMetrics.validName("9x")).isFalse();
        assertThat(ServingMetrics.validName("a-b")).isFalse();
        assertThat(ServingMetrics.validName("a b")).isFalse();
        assertThat(ServingMetrics.validName("é")).isFalse();
    }
}
