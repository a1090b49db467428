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
 * {@code capacity} events are in flight and the rest are dropped and counted at once ({@code queue_full}); and its
 * hand-over to a sink in the same process (no HTTP), whose full queue or refusal is counted too.
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
        final GraphRoute node = node();
        final PredictorRoute predictor = new PredictorRoute("default", "", 100, false, node);
        final DeploymentRoute deployment =
                new DeploymentRoute("seldon", "news", List.of(predictor), Duration.ofSeconds(10));
        for (int i = 0; i < 10; i++) {
            final CallContext ctx = new CallContext(deployment, predictor);
            ctx.puid = "p" + i;
            logger.log(node.logger(), ctx, node, RequestLogger.REQUEST, Buffer.buffer("{\"i\":" + i + "}"));
        }
        assertThat(count("queue_full")).isEqualTo(7.0);
        final long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (held.size() < 3 && System.nanoTime() < end) {
            Thread.sleep(20);
        }
        assertThat(held).hasSize(3);
        assertThat(held).extracting(r -> r.getHeader("Ce-Id")).containsExactlyInAnyOrder("p0", "p1", "p2");
    }

    private double count(String reason) {
        return registry.get("seldon_request_log_dropped")
                .tag("reason", reason)
                .counter()
                .count();
    }

    private static GraphRoute node() {
        return new GraphRoute(
                "clf",
                "SKLEARN_SERVER",
                Set.of(Step.PREDICT),
                List.of(),
                new ReplicaPool("clf"),
                new NodeLogger(NodeLogger.Mode.ALL, null));
    }

    @Test
    void builtInSinkInThisProcess_getsEventsHandedOver_noHttp_fullOrRefusedCounted() {
        final List<InProcessSink.Event> taken = new CopyOnWriteArrayList<>();
        final InProcessSink builtIn = new InProcessSink() {
            @Override
            public String url() {
                return "http://127.0.0.1:1/events/key"; // nothing listens: only a hand-over can deliver
            }

            @Override
            public boolean offer(InProcessSink.Event event) {
                if (event.id().equals("refused")) {
                    throw new IllegalArgumentException("Ce-Id: no");
                }
                return taken.size() < 2 && taken.add(event);
            }
        };
        logger = new RequestLogger(vertx, registry, RequestLogSinks.withBuiltIn(null, builtIn), 100, 60_000);
        final GraphRoute node = node();
        final PredictorRoute predictor = new PredictorRoute("default", "", 100, false, node);
        final DeploymentRoute deployment =
                new DeploymentRoute("seldon", "news", List.of(predictor), Duration.ofSeconds(10));
        for (final String puid : List.of("p0", "p1", "p2", "refused")) {
            final CallContext ctx = new CallContext(deployment, predictor);
            ctx.puid = puid;
            logger.log(node.logger(), ctx, node, RequestLogger.RESPONSE, Buffer.buffer("{\"p\":1}"));
        }
        assertThat(taken).extracting(InProcessSink.Event::id).containsExactly("p0", "p1");
        final InProcessSink.Event first = taken.get(0);
        assertThat(first.type()).isEqualTo(RequestLogger.RESPONSE);
        assertThat(List.of(first.namespace(), first.deployment(), first.predictor(), first.node()))
                .containsExactly("seldon", "news", "default", "clf");
        assertThat(first.payload().toString()).isEqualTo("{\"p\":1}");
        assertThat(registry.get("seldon_request_log_sent").counter().count()).isEqualTo(2.0);
        assertThat(count("queue_full")).isEqualTo(1.0);
        assertThat(count("sink_failed")).isEqualTo(1.0);
    }
}
