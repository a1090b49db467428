package dev.slipway.serving.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Tests for {@link RequestLogger}'s bound: with a real sink that takes events and never answers, at most
 * {@code capacity} events are in flight and the rest are dropped and counted at once ({@code queue_full}).
 */
class RequestLoggerTest {

    private final Vertx vertx = Vertx.vertx();
    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final List<HttpServerRequest> held = new CopyOnWriteArrayList<>();
    private RequestLogger logger;

    @AfterEach
    void stop() throws Exception {
        if (logger != null) {
            logger.close();
        }
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @Test
    void sinkThatNeverAnswers_holdsAtMostCapacity_andCountsTheRestAsQueueFull() throws Exception {
        final HttpServer sink = vertx.createHttpServer()
                .requestHandler(held::add) // never answered
                .listen(0, "127.0.0.1")
                .toCompletionStage()
                .toCompletableFuture()
                .get(10, TimeUnit.SECONDS);
        logger = new RequestLogger(
                vertx, registry, new RequestLogSinks("http://127.0.0.1:" + sink.actualPort() + "/", null), 3, 60_000);
        final GraphRoute node = new GraphRoute(
                "clf",
                "SKLEARN_SERVER",
                Set.of(Step.PREDICT),
                List.of(),
                new ReplicaPool("clf"),
                new NodeLogger(NodeLogger.Mode.ALL, null));
        final PredictorRoute predictor = new PredictorRoute("default", "", 100, false, node);
        final DeploymentRoute deployment =
                new DeploymentRoute("seldon", "news", List.of(predictor), Duration.ofSeconds(10));
        for (int i = 0; i < 10; i++) {
            final CallContext ctx = new CallContext(deployment, predictor);
            ctx.puid = "p" + i;
            logger.log(node.logger(), ctx, node, RequestLogger.REQUEST, Buffer.buffer("{\"i\":" + i + "}"));
        }
        assertThat(registry.get("seldon_request_log_dropped")
                        .tag("reason", "queue_full")
                        .counter()
                        .count())
                .isEqualTo(7.0);
        final long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (held.size() < 3 && System.nanoTime() < end) {
            Thread.sleep(20);
        }
        assertThat(held).hasSize(3);
        assertThat(held).extracting(r -> r.getHeader("Ce-Id")).containsExactlyInAnyOrder("p0", "p1", "p2");
    }
}
