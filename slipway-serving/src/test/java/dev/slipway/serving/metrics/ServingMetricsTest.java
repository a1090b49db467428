package dev.slipway.serving.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.slipway.serving.ServingConfig;
import dev.slipway.serving.testing.ServerExtension;
import dev.slipway.serving.testing.TestModels;
import dev.slipway.support.ReplicaIdentity;
import dev.slipway.testing.Promtool;
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
}
