package dev.slipway.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.slipway.console.view.Traffic;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Tests for {@link TrafficSampler}. */
class TrafficSamplerTest {

    private static String metrics(int ok, int fast, int errors) {
        final String m = "seldon_api_executor_server_requests_seconds";
        final String ok200 = "code=\"200\",deployment_name=\"news\",method=\"POST\",predictor_name=\"default\"";
        final String bad = "code=\"503\",deployment_name=\"news\",method=\"POST\",predictor_name=\"default\"";
        return "# HELP " + m + " Requests\n"
                + m + "_bucket{" + ok200 + ",le=\"0.005\"} " + fast + "\n"
                + m + "_bucket{" + ok200 + ",le=\"0.05\"} " + ok + "\n"
                + m + "_bucket{" + ok200 + ",le=\"+Inf\"} " + ok + "\n"
                + m + "_count{" + ok200 + "} " + ok + "\n"
                + m + "_bucket{" + bad + ",le=\"0.005\"} " + errors + "\n"
                + m + "_bucket{" + bad + ",le=\"0.05\"} " + errors + "\n"
                + m + "_bucket{" + bad + ",le=\"+Inf\"} " + errors + "\n"
                + m + "_count{" + bad + "} " + errors + "\n"
                + "seldon_api_executor_client_requests_seconds_count{deployment_name=\"news\"} 999\n";
    }

    @Test
    void traffic_twoSamples_rateErrorsAndQuantilesOfTheInterval() {
        final TrafficSampler sampler = new TrafficSampler(() -> "http://127.0.0.1:1");
        final Instant t0 = Instant.parse("2026-12-05T03:00:00Z");
        sampler.add(new TrafficSampler.Sample(t0, TrafficSampler.parse(metrics(0, 0, 0))));
        // 100 answers in 10 s: 90 under 5 ms, 10 between 5 and 50 ms; 10 of them 503s (all fast)
        sampler.add(new TrafficSampler.Sample(t0.plusSeconds(10), TrafficSampler.parse(metrics(90, 80, 10))));
        final Traffic t = sampler.traffic("news");
        assertThat(t.rate()).hasSize(1);
        assertThat(t.rate().get(0)).isCloseTo(10.0, within(1e-9));
        assertThat(t.errors().get(0)).isCloseTo(1.0, within(1e-9));
        assertThat(t.p50().get(0)).isCloseTo(5.0, within(1e-9));
        assertThat(t.p99().get(0)).isCloseTo(50.0, within(1e-9));
    }

    @Test
    void traffic_unknownDeploymentOrOneSample_noPoints() {
        final TrafficSampler sampler = new TrafficSampler(() -> "http://127.0.0.1:1");
        sampler.add(new TrafficSampler.Sample(Instant.EPOCH, TrafficSampler.parse(metrics(5, 5, 0))));
        assertThat(sampler.traffic("news").rate()).isEmpty();
        sampler.add(new TrafficSampler.Sample(Instant.EPOCH.plusSeconds(10), TrafficSampler.parse(metrics(5, 5, 0))));
        assertThat(sampler.traffic("other").rate()).containsExactly(0.0);
    }

    @Test
    void add_keepsFifteenMinutes() {
        final TrafficSampler sampler = new TrafficSampler(() -> "http://127.0.0.1:1");
        for (int i = 0; i <= 200; i++) {
            sampler.add(new TrafficSampler.Sample(
                    Instant.EPOCH.plusSeconds(10L * i), TrafficSampler.parse(metrics(i, i, 0))));
        }
        // 15 minutes of 10 s samples: 91 samples, 90 intervals
        assertThat(sampler.traffic("news").rate()).hasSize(90);
    }

    @Test
    void sample_gatewayDown_addsNothing() {
        final TrafficSampler sampler = new TrafficSampler(() -> "http://127.0.0.1:1");
        sampler.sample(Instant.EPOCH);
        sampler.sample(Instant.EPOCH.plusSeconds(10));
        assertThat(sampler.traffic("news").rate()).isEmpty();
    }
}
