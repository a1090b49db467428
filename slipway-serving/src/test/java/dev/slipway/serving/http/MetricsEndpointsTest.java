package dev.slipway.serving.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.slipway.serving.testing.ServerExtension;
import dev.slipway.serving.testing.TestModels;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The Prometheus paths: request histograms by endpoint and code, custom and feedback metrics. */
class MetricsEndpointsTest {

    @RegisterExtension
    static final ServerExtension SERVER = new ServerExtension("doubler", TestModels.Doubler::new);

    @Test
    void prometheusAndMetrics_exposeSeldonNamedSeries() throws Exception {
        SERVER.post("/api/v1.0/predictions", "{\"strData\": \"x\"}");
        SERVER.post("/api/v1.0/predictions", "{\"data\": {\"ndarray\": [1, 2}");
        SERVER.post("/api/v1.0/feedback", "{\"reward\": 0.5}");
        for (String path : new String[] {"/prometheus", "/metrics"}) {
            ServerExtension.Answer a = SERVER.get(path);
            assertThat(a.status()).isEqualTo(200);
            assertThat(a.headers().firstValue("Content-Type").orElse("")).startsWith("text/plain");
            String text = a.body();
            assertThat(text)
                    .containsPattern(
                            "seldon_api_executor_server_requests_seconds_count\\{[^}]*code=\"200\"[^}]*service=\"predictions\"[^}]*} 1");
            assertThat(text)
                    .containsPattern(
                            "seldon_api_executor_server_requests_seconds_count\\{[^}]*code=\"400\"[^}]*service=\"predictions\"[^}]*} 1");
            assertThat(text).containsPattern("seldon_api_executor_server_requests_seconds_bucket\\{");
            assertThat(text).containsPattern("doubler_calls_total\\{[^}]*model_name=\"doubler\"[^}]*} [12]\\.0");
            assertThat(text).containsPattern("doubler_level\\{[^}]*} 7\\.0");
            assertThat(text).contains("doubler_latency_seconds_count");
            assertThat(text).containsPattern("seldon_api_model_feedback_total\\{[^}]*} 1\\.0");
            assertThat(text).containsPattern("seldon_api_model_feedback_reward_total\\{[^}]*} 0\\.5");
        }
    }
}
