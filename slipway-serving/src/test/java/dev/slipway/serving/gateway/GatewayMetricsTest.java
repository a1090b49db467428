package dev.slipway.serving.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Tests for {@link GatewayMetrics}. */
class GatewayMetricsTest {

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final GatewayMetrics metrics = new GatewayMetrics(registry);

    private static final GraphRoute NODE =
            new GraphRoute("m", "SKLEARN_SERVER", Set.of(Step.PREDICT), List.of(), new ReplicaPool("m"));

    private static DeploymentRoute deployment(PredictorRoute predictor) {
        return new DeploymentRoute("ns", "iris", List.of(predictor), Duration.ofSeconds(5));
    }

    private long count(String name, String... tags) {
        final Timer timer = registry.find(name).tags(tags).timer();
        return timer == null ? 0 : timer.count();
    }

    @Test
    void server_sameLabels_countInOneSeries_andEachStatusCodeInItsOwn() {
        final PredictorRoute p = new PredictorRoute("p", "", 100, false, NODE);
        for (int i = 0; i < 3; i++) {
            metrics.server("ns", "iris", p, "predictions", "POST", 200, 1_000);
        }
        metrics.server("ns", "iris", p, "predictions", "POST", 500, 1_000);
        assertThat(count(GatewayMetrics.SERVER, "code", "200", "deployment_name", "iris"))
                .isEqualTo(3);
        assertThat(count(GatewayMetrics.SERVER, "code", "500")).isEqualTo(1);
        assertThat(registry.find(GatewayMetrics.SERVER).timers()).hasSize(2);
    }

    @Test
    void server_nonStandardHttpMethods_shareOneOtherSeries() {
        final PredictorRoute p = new PredictorRoute("p", "", 100, false, NODE);
        for (int i = 0; i < 5; i++) {
            metrics.server("ns", "iris", p, "v2", "SCAN" + i, 405, 1_000);
        }
        metrics.server("ns", "iris", p, "v2", "GET", 200, 1_000);
        assertThat(count(GatewayMetrics.SERVER, "method", GatewayMetrics.OTHER_METHOD))
                .isEqualTo(5);
        assertThat(count(GatewayMetrics.SERVER, "method", "GET")).isEqualTo(1);
        assertThat(registry.scrape()).doesNotContain("SCAN");
    }

    @Test
    void client_aNewPredictorVersionUnderTheSameNames_isItsOwnSeries() {
        final PredictorRoute v1 = new PredictorRoute("p", "v1", 100, false, NODE);
        final PredictorRoute v2 = new PredictorRoute("p", "v2", 100, false, NODE);
        metrics.client(deployment(v1), v1, NODE, Step.PREDICT, 200, 1_000);
        metrics.client(deployment(v2), v2, NODE, Step.PREDICT, 200, 1_000);
        metrics.client(deployment(v2), v2, NODE, Step.PREDICT, 200, 1_000);
        assertThat(count(GatewayMetrics.CLIENT, "predictor_version", "v1")).isEqualTo(1);
        assertThat(count(GatewayMetrics.CLIENT, "predictor_version", "v2", "model_name", "m", "service", "predict"))
                .isEqualTo(2);
    }

    @Test
    void methodLabel_keepsStandardMethodsAndGrpc() {
        assertThat(GatewayMetrics.methodLabel("POST")).isEqualTo("POST");
        assertThat(GatewayMetrics.methodLabel("GRPC")).isEqualTo("GRPC");
        assertThat(GatewayMetrics.methodLabel("post")).isEqualTo(GatewayMetrics.OTHER_METHOD);
    }
}
