package dev.slipway.serving.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.slipway.model.ModelContext;
import dev.slipway.model.ModelFactories;
import dev.slipway.model.Parameters;
import dev.slipway.protocol.grpc.SeldonProtoJson;
import dev.slipway.protocol.grpc.seldon.SeldonMessage;
import dev.slipway.serving.ModelServer;
import dev.slipway.serving.ServingConfig;
import dev.slipway.serving.http.H2c;
import dev.slipway.serving.model.LoadedModel;
import dev.slipway.serving.testing.Rpc;
import dev.slipway.serving.testing.TestModels;
import io.cloudevents.CloudEvent;
import io.cloudevents.http.HttpMessageFactory;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.HttpServer;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Tests for {@link RequestLogger} through a real gateway and model server: a real HTTP sink receives
 * CloudEvents (read with the CloudEvents SDK); a sink that is down, slow or failing costs no prediction
 * and its drops are counted.
 */
class RequestLoggingTest {

    private final Vertx vertx = H2c.vertx(new VertxOptions());
    private final List<CloudEvent> events = new CopyOnWriteArrayList<>();
    private final HttpClient http =
            HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private volatile int sinkStatus = 200;
    private volatile long sinkDelayMillis;
    private HttpServer sink;
    private ModelServer server;
    private Gateway gateway;

    private int startSink() throws Exception {
        sink = vertx.createHttpServer()
                .requestHandler(req -> req.body().onSuccess(body -> {
                    final Map<String, String> headers = new HashMap<>();
                    req.headers().forEach(e -> headers.put(e.getKey().toLowerCase(Locale.ROOT), e.getValue()));
                    events.add(HttpMessageFactory.createReader(headers, body.getBytes())
                            .toEvent());
                    vertx.setTimer(
                            Math.max(1, sinkDelayMillis),
                            t -> req.response().setStatusCode(sinkStatus).end());
                }))
                .listen(0, "127.0.0.1")
                .toCompletionStage()
                .toCompletableFuture()
                .get(10, TimeUnit.SECONDS);
        return sink.actualPort();
    }

    private void deploy(String nodeLoggerUrl, String defaultUrl) {
        final TestModels.Doubler model = new TestModels.Doubler();
        model.load(new ModelContext("clf", null, null, Parameters.of(Map.of()), ModelFactories.of(List.of())));
        server = ModelServer.start(
                ServingConfig.defaults(), new LoadedModel("clf", "Doubler", model, model.metadata(), null));
        final DeploymentRegistry registry = new DeploymentRegistry();
        gateway = new Gateway(vertx, registry, new PrometheusMeterRegistry(PrometheusConfig.DEFAULT), defaultUrl);
        gateway.start("127.0.0.1", 0, 1);
        final ReplicaPool pool = registry.pool("seldon", "news", "default", "clf");
        pool.add(new ReplicaAddress("clf-0", "127.0.0.1", server.port()));
        registry.put(new DeploymentRoute(
                "seldon",
                "news",
                List.of(new PredictorRoute(
                        "default",
                        "",
                        100,
                        false,
                        new GraphRoute(
                                "clf",
                                "SKLEARN_SERVER",
                                Set.of(Step.PREDICT, Step.SEND_FEEDBACK),
                                List.of(),
                                pool,
                                new NodeLogger(NodeLogger.Mode.ALL, nodeLoggerUrl)))),
                Duration.ofSeconds(10)));
    }

    @AfterEach
    void stop() throws Exception {
        if (gateway != null) {
            gateway.close();
        }
        if (server != null) {
            server.close();
        }
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    private HttpResponse<String> predict() throws Exception {
        return http.send(
                HttpRequest.newBuilder(URI.create(
                                "http://127.0.0.1:" + gateway.port() + "/seldon/seldon/news/api/v1.0/predictions"))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString("{\"data\":{\"ndarray\":[[1,2]]}}"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private String metrics() throws Exception {
        return http.send(
                        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + gateway.port() + "/prometheus"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString())
                .body();
    }

    private static void await(String what, BooleanSupplier condition) throws InterruptedException {
        final long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > end) {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.sleep(50);
        }
    }

    @Test
    void nodeLogger_sendsRequestAndResponseAsCloudEvents_withSeldonsAttributes() throws Exception {
        final int port = startSink();
        deploy("http://127.0.0.1:" + port + "/", null);
        final HttpResponse<String> r = predict();
        assertThat(r.statusCode()).isEqualTo(200);
        final JsonNode answer = SeldonJson.MAPPER.readTree(r.body());
        final String puid = answer.at("/meta/puid").asText();
        await("two events", () -> events.size() >= 2);
        final CloudEvent request = events.stream()
                .filter(e -> e.getType().equals(RequestLogger.REQUEST))
                .findFirst()
                .orElseThrow();
        final CloudEvent response = events.stream()
                .filter(e -> e.getType().equals(RequestLogger.RESPONSE))
                .findFirst()
                .orElseThrow();
        for (final CloudEvent e : List.of(request, response)) {
            assertThat(e.getSpecVersion().toString()).isEqualTo("1.0");
            assertThat(e.getId()).isEqualTo(puid);
            assertThat(e.getSource().toString()).isEqualTo("slipway-gateway/seldon/news/default/clf");
            assertThat(e.getExtension("modelid")).isEqualTo("clf");
            assertThat(e.getExtension("inferenceservicename")).isEqualTo("news");
            assertThat(e.getExtension("namespace")).isEqualTo("seldon");
            assertThat(e.getExtension("endpoint")).isEqualTo("default");
            assertThat(e.getExtension("requestid")).isEqualTo(puid);
            assertThat(e.getDataContentType()).isEqualTo("application/json");
        }
        assertThat(new String(request.getData().toBytes(), StandardCharsets.UTF_8))
                .contains("[[1,2]]");
        assertThat(SeldonJson.MAPPER
                        .readTree(response.getData().toBytes())
                        .at("/data/ndarray/0/1")
                        .asDouble())
                .isEqualTo(4.0);
        await("the sent counter", () -> metricsQuietly().contains("seldon_request_log_sent_total 2.0"));
    }

    @Test
    void grpcPrediction_isLoggedLikeRest_withThePuidItAnsweredWith() throws Exception {
        final int port = startSink();
        deploy("http://127.0.0.1:" + port + "/", null);
        final SeldonMessage answer;
        try (Rpc rpc = new Rpc("127.0.0.1", gateway.port())) {
            answer = rpc.call(
                    "seldon.protos.Seldon/Predict",
                    SeldonProtoJson.message("{\"data\":{\"ndarray\":[[1,2]]}}".getBytes(StandardCharsets.UTF_8)),
                    SeldonMessage.getDefaultInstance(),
                    Map.of("seldon", "news", "namespace", "seldon"));
        }
        final String puid = answer.getMeta().getPuid();
        assertThat(puid).isNotEmpty();
        await("two events", () -> events.size() >= 2);
        assertThat(events).extracting(CloudEvent::getId).containsOnly(puid);
        assertThat(events)
                .extracting(CloudEvent::getType)
                .containsExactlyInAnyOrder(RequestLogger.REQUEST, RequestLogger.RESPONSE);
    }

    @Test
    void requestWithItsOwnPuid_isLoggedAndAnsweredWithIt() throws Exception {
        final int port = startSink();
        deploy("http://127.0.0.1:" + port + "/", null);
        final HttpResponse<String> r = http.send(
                HttpRequest.newBuilder(URI.create(
                                "http://127.0.0.1:" + gateway.port() + "/seldon/seldon/news/api/v1.0/predictions"))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(
                                "{\"meta\":{\"puid\":\"mine-1\"},\"data\":{\"ndarray\":[[1,2]]}}"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(SeldonJson.MAPPER.readTree(r.body()).at("/meta/puid").asText())
                .isEqualTo("mine-1");
        await("two events", () -> events.size() >= 2);
        assertThat(events).extracting(CloudEvent::getId).containsOnly("mine-1");
    }

    @Test
    void feedback_isLoggedOnce_withThePredictionsPuid() throws Exception {
        final int port = startSink();
        deploy("http://127.0.0.1:" + port + "/", null);
        final HttpResponse<String> r = predict();
        final String puid =
                SeldonJson.MAPPER.readTree(r.body()).at("/meta/puid").asText();
        final HttpResponse<String> f = http.send(
                HttpRequest.newBuilder(URI.create(
                                "http://127.0.0.1:" + gateway.port() + "/seldon/seldon/news/api/v1.0/feedback"))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(
                                "{\"request\":{\"data\":{\"ndarray\":[[1,2]]}},\"response\":" + r.body()
                                        + ",\"reward\":0.5,\"truth\":{\"data\":{\"ndarray\":[[2,4]]}}}"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(f.statusCode()).as(f.body()).isEqualTo(200);
        await("three events", () -> events.size() >= 3);
        final CloudEvent feedback = events.stream()
                .filter(e -> e.getType().equals(RequestLogger.FEEDBACK))
                .findFirst()
                .orElseThrow();
        assertThat(feedback.getId()).isEqualTo(puid);
        assertThat(feedback.getExtension("requestid")).isEqualTo(puid);
        assertThat(SeldonJson.MAPPER
                        .readTree(feedback.getData().toBytes())
                        .path("reward")
                        .asDouble())
                .isEqualTo(0.5);
        assertThat(events.stream()
                        .filter(e -> e.getType().equals(RequestLogger.FEEDBACK))
                        .count())
                .isEqualTo(1);
    }

    @Test
    void defaultSink_takesNodesWhoseLoggerNamesNone() throws Exception {
        final int port = startSink();
        deploy(null, "http://127.0.0.1:" + port + "/");
        assertThat(predict().statusCode()).isEqualTo(200);
        await("two events", () -> events.size() >= 2);
    }

    @Test
    void sinkDown_slow_orFailing_failsNoPrediction_andCountsDrops() throws Exception {
        final int dead;
        try (ServerSocket s = new ServerSocket(0)) {
            dead = s.getLocalPort();
        }
        deploy("http://127.0.0.1:" + dead + "/", null);
        predict20_allAnswered_40EventsDropped();
    }

    @Test
    void sinkAnswering500OrSlowly_failsNoPrediction() throws Exception {
        final int port = startSink();
        sinkStatus = 500;
        sinkDelayMillis = 200;
        deploy("http://127.0.0.1:" + port + "/", null);
        predict20_allAnswered_40EventsDropped();
        assertThat(events).hasSizeGreaterThanOrEqualTo(40 * 4); // each event tried once and retried three times
    }

    /** 20 predictions all answered 200 while the sink fails, and their 40 events (request, response) dropped. */
    private void predict20_allAnswered_40EventsDropped() throws Exception {
        for (int i = 0; i < 20; i++) {
            assertThat(predict().statusCode()).isEqualTo(200);
        }
        await(
                "drops counted",
                () -> metricsQuietly().contains("seldon_request_log_dropped_total{reason=\"sink_failed\"} 40.0"));
    }

    private String metricsQuietly() {
        try {
            return metrics();
        } catch (Exception e) {
            return "";
        }
    }
}
