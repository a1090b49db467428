package dev.slipway.serving.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Tests for the graph executor, traffic split and shadows, through a running {@link Gateway}. */
class GraphAndTrafficTest {

    @RegisterExtension
    final GatewayHarness harness = new GatewayHarness(1);

    private GraphRoute node(String predictor, String name, Set<Step> steps, List<GraphRoute> children)
            throws Exception {
        final FakeComponent c = harness.component(name);
        final ReplicaPool pool = harness.routes().pool("ns", "d", predictor, name);
        pool.add(c.endpoint("0"));
        return new GraphRoute(name, "img/" + name, steps, children, pool);
    }

    private void deploy(PredictorRoute... predictors) {
        harness.routes().put(new DeploymentRoute("ns", "d", List.of(predictors), Duration.ofSeconds(5)));
    }

    /**
     * Deploys ns/d as predictor "main" (node "m") beside {@code predictor} (node {@code node}) taking {@code traffic}
     * percent, or shadowing main.
     */
    private void mainAnd(String predictor, String node, int traffic, boolean shadow) throws Exception {
        final GraphRoute main = node("main", "m", Set.of(Step.PREDICT), List.of());
        final GraphRoute other = node(predictor, node, Set.of(Step.PREDICT), List.of());
        deploy(
                new PredictorRoute("main", "", 100 - traffic, false, main),
                new PredictorRoute(predictor, "", traffic, shadow, other));
    }

    private FakeComponent component(String name) {
        return harness.started(name);
    }

    private JsonNode predict() throws Exception {
        final HttpResponse<String> r =
                harness.send(HttpRequest.newBuilder(harness.uri("/seldon/ns/d/api/v1.0/predictions"))
                        .POST(HttpRequest.BodyPublishers.ofString("{\"data\":{\"ndarray\":[[\"in\"]]}}")));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return SeldonJson.MAPPER.readTree(r.body());
    }

    @Test
    void graph_transformerRouterCombinerOutputTransformer_runsInSeldonOrder() throws Exception {
        final GraphRoute a = node("p", "a", Set.of(Step.PREDICT), List.of());
        final GraphRoute b = node("p", "b", Set.of(Step.PREDICT), List.of());
        final GraphRoute c = node("p", "c", Set.of(Step.PREDICT), List.of());
        final GraphRoute combiner = node("p", "comb", Set.of(Step.AGGREGATE), List.of(b, c));
        final GraphRoute router = node("p", "router", Set.of(Step.ROUTE), List.of(a, combiner));
        final GraphRoute input = node("p", "in", Set.of(Step.TRANSFORM_INPUT), List.of(router));
        final GraphRoute output = node("p", "out", Set.of(Step.TRANSFORM_OUTPUT), List.of(input));
        deploy(new PredictorRoute("p", "", 100, false, output));

        component("router").route = 1;
        final JsonNode viaCombiner = predict();
        assertThat(viaCombiner.at("/data/ndarray").toString())
                .isEqualTo("[[\"b\"],[\"c\"],[\"out/transform-output\"]]");
        assertThat(viaCombiner.at("/meta/routing").toString()).isEqualTo("{\"router\":1}");
        assertThat(SeldonJson.MAPPER.convertValue(viaCombiner.at("/meta/requestPath"), java.util.Map.class))
                .containsOnlyKeys("out", "in", "router", "comb", "b", "c")
                .containsEntry("b", "img/b");
        assertThat(component("in").calls).containsExactly("/transform-input");
        assertThat(component("out").calls).containsExactly("/transform-output");
        assertThat(component("comb").calls).containsExactly("/aggregate");

        component("router").route = 0;
        final JsonNode viaA = predict();
        assertThat(viaA.at("/data/ndarray").toString()).isEqualTo("[[\"a\"],[\"out/transform-output\"]]");
        assertThat(viaA.at("/meta/routing").toString()).isEqualTo("{\"router\":0}");
        assertThat(component("b").predictions.get()).isEqualTo(1);
    }

    @Test
    void traffic_90_10_over10000Requests_isWithinTwoPoints() throws Exception {
        mainAnd("canary", "m2", 10, false);
        final DeploymentRegistry.Active active =
                harness.routes().active("ns", "d").orElseThrow();
        int canaryCount = 0;
        for (int i = 0; i < 10_000; i++) {
            if (active.splitter().next().name().equals("canary")) {
                canaryCount++;
            }
        }
        assertThat(canaryCount).isBetween(800, 1200);
        // and through HTTP: every window of 10 requests sends exactly one to the canary
        for (int i = 0; i < 100; i++) {
            predict();
        }
        assertThat(component("m2").predictions.get()).isEqualTo(10);
        assertThat(component("m").predictions.get()).isEqualTo(90);
    }

    @Test
    void traffic_100_0_sendsNothingToTheZeroSide() throws Exception {
        mainAnd("idle", "m2", 0, false);
        for (int i = 0; i < 200; i++) {
            predict();
        }
        assertThat(component("m2").predictions.get()).isZero();
        assertThat(component("m").predictions.get()).isEqualTo(200);
    }

    @Test
    void shadow_getsACopyWhoseFailureNeverReachesTheCaller() throws Exception {
        mainAnd("mirror", "s", 0, true);
        component("s").status = 500;
        for (int i = 0; i < 5; i++) {
            final JsonNode answer = predict();
            assertThat(answer.at("/data/ndarray/0/0").asText()).isEqualTo("m");
        }
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (component("s").calls.size() < 5 && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertThat(component("s").calls).hasSize(5).containsOnly("/predict");
    }

    @Test
    void drain_waitsForInFlightRequestsThenWithdrawsTheEndpoint() throws Exception {
        final GraphRoute main = node("p", "m", Set.of(Step.PREDICT), List.of());
        component("m").delayMillis = 500;
        deploy(new PredictorRoute("p", "", 100, false, main));
        final var pending = harness.http()
                .sendAsync(
                        HttpRequest.newBuilder(harness.uri("/seldon/ns/d/api/v1.0/predictions"))
                                .POST(HttpRequest.BodyPublishers.ofString("{\"data\":{\"ndarray\":[[1]]}}"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (main.pool().inFlight("0") == 0 && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        assertThat(main.pool().drain("0", Duration.ofSeconds(10))).isTrue();
        assertThat(component("m").calls).containsExactly("/predict");
        assertThat(main.pool().inFlight("0")).isZero();
        assertThat(pending.get(10, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
        assertThat(main.pool().endpoints()).isEmpty();
    }
}
