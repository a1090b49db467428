package dev.slipway.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import dev.slipway.testing.ReferenceFixture;
import io.cloudevents.CloudEvent;
import io.cloudevents.http.HttpMessageFactory;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The reference's annotation end to end: a real {@code slipway up --request-log --request-log-url SINK} process, a
 * SeldonDeployment carrying {@code seldon.io/engine-seldon-log-messages-externally: "true"} deployed through it, a
 * prediction and its feedback through the gateway; a real HTTP sink receives the request, response and feedback as
 * CloudEvents (read with the CloudEvents SDK), and {@code slipway logs requests} shows the prediction joined with its
 * feedback from the built-in sink.
 */
class RequestLogIT {

    private static final Pattern STARTED =
            Pattern.compile("gateway http://127\\.0\\.0\\.1:(\\d+), API http://127\\.0\\.0\\.1:(\\d+)");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP =
            HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @TempDir
    Path dir;

    /** {@code slipway predict} of default/iris through the gateway at {@code gateway} over gRPC. */
    private static Cli.Run predictIrisOverGrpc(String gateway, String... more) {
        final List<String> args = new ArrayList<>(
                List.of("predict", "--gateway", gateway, "-n", "default", "-d", "iris", "--transport", "grpc"));
        args.addAll(List.of(more));
        return Cli.run(args.toArray(String[]::new));
    }

    @Test
    void annotatedDeployment_eventsAtARealSink_andInTheBuiltInOne() throws Exception {
        final List<CloudEvent> received = new CopyOnWriteArrayList<>();
        final HttpServer sink = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        sink.createContext("/", exchange -> {
            final Map<String, String> headers = new HashMap<>();
            exchange.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(Locale.ROOT), v.get(0)));
            received.add(HttpMessageFactory.createReader(
                            headers, exchange.getRequestBody().readAllBytes())
                    .toEvent());
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        sink.start();
        try {
            run(sink.getAddress().getPort(), received);
        } finally {
            sink.stop(0);
        }
    }

    private void run(int sinkPort, List<CloudEvent> received) throws Exception {
        final Path model = Files.createDirectories(dir.resolve("iris/model"));
        Files.copy(ReferenceFixture.root().resolve("iris-logreg/model.joblib"), model.resolve("model.joblib"));
        final Path manifest = dir.resolve("iris/iris.json");
        // the shape of the reference's SeldonDeployment-news-classifier.json: the annotation on the spec
        Files.writeString(manifest, """
        {"apiVersion": "machinelearning.seldon.io/v1", "kind": "SeldonDeployment",
         "metadata": {"name": "iris"},
         "spec": {"annotations": {"seldon.io/engine-seldon-log-messages-externally": "true"},
                  "predictors": [{"name": "default", "replicas": 1,
                                  "graph": {"name": "classifier", "type": "MODEL", "implementation": "SKLEARN_SERVER",
                                            "modelUri": "%s"}}]}}
        """.formatted(model.toUri()));
        try (SlipwayProcess up = SlipwayProcess.start(
                Map.of("HOME", dir.toString()),
                SlipwayProcess.onFreePorts(
                        dir.resolve("data"),
                        "up",
                        "--request-log",
                        "--request-log-url",
                        "http://127.0.0.1:" + sinkPort + "/events"))) {
            final Matcher started = up.awaitOut(STARTED, Duration.ofSeconds(90));
            final String api = "http://127.0.0.1:" + started.group(2);
            final String gateway = "http://127.0.0.1:" + started.group(1);
            final Cli.Run deploy =
                    Cli.run("deploy", "-f", manifest.toString(), "--server", api, "--wait", "--timeout", "3m");
            assertThat(deploy.code()).as(deploy.out() + deploy.err()).isZero();

            final JsonNode answer = post(
                    gateway + "/seldon/default/iris/api/v1.0/predictions",
                    "{\"data\": {\"ndarray\": [[5.1, 3.5, 1.4, 0.2]]}}");
            final String puid = answer.path("meta").path("puid").asText();
            assertThat(puid).isNotEmpty();
            post(
                    gateway + "/seldon/default/iris/api/v1.0/feedback",
                    "{\"request\": {\"data\": {\"ndarray\": [[5.1, 3.5," + " 1.4, 0.2]]}}, \"response\": " + answer
                            + ", \"reward\": 1.0, \"truth\": {\"data\": {\"ndarray\": [0]}}}");

            await("request, response and feedback at the sink", () -> received.size() >= 3);
            assertThat(received).allSatisfy(e -> {
                assertThat(e.getId()).isEqualTo(puid);
                assertThat(e.getExtension("inferenceservicename")).isEqualTo("iris");
                assertThat(e.getExtension("namespace")).isEqualTo("default");
                assertThat(e.getExtension("endpoint")).isEqualTo("default");
                assertThat(e.getExtension("requestid")).isEqualTo(puid);
            });
            assertThat(received)
                    .extracting(CloudEvent::getType)
                    .containsExactlyInAnyOrder(
                            "io.seldon.serving.inference.request",
                            "io.seldon.serving.inference.response",
                            "io.seldon.serving.feedback");
            final CloudEvent request = received.stream()
                    .filter(e -> e.getType().equals("io.seldon.serving.inference.request"))
                    .findFirst()
                    .orElseThrow();
            assertThat(JSON.readTree(request.getData().toBytes())
                            .path("data")
                            .path("ndarray")
                            .get(0)
                            .get(0)
                            .asDouble())
                    .isEqualTo(5.1);
            assertThat(request.getExtension("modelid")).isEqualTo("classifier");

            // the built-in sink got the same events: slipway logs requests joins them
            await("the prediction in slipway logs requests", () -> {
                final Cli.Run logs = Cli.run("logs", "requests", "iris", "--server", api, "-o", "json");
                return logs.code() == 0 && logs.out().contains("\"reward\" : 1.0");
            });
            final Cli.Run json = Cli.run("logs", "requests", "iris", "--server", api, "-o", "json", "--since", "10m");
            final JsonNode logged = JSON.readTree(json.out());
            assertThat(logged).hasSize(1);
            assertThat(logged.get(0).path("puid").asText()).isEqualTo(puid);
            assertThat(logged.get(0)
                            .path("request")
                            .path("data")
                            .path("ndarray")
                            .get(0)
                            .get(0)
                            .asDouble())
                    .isEqualTo(5.1);
            assertThat(logged.get(0).path("response").path("data").isObject()).isTrue();
            assertThat(logged.get(0)
                            .path("feedback")
                            .path("truth")
                            .path("data")
                            .path("ndarray")
                            .get(0)
                            .asInt())
                    .isZero();
            final Cli.Run table = Cli.run("logs", "requests", "iris", "--server", api);
            assertThat(table.code()).as(table.err()).isZero();
            assertThat(table.out()).contains("PUID").contains(puid).contains("1.0");

            // the same deployment over gRPC through the gateway: Seldon/Predict and SendFeedback with Ambassador's
            // metadata
            final String gatewayAddress = "127.0.0.1:" + started.group(1);
            final Cli.Run grpc = predictIrisOverGrpc(
                    gatewayAddress, "--data", "[[5.1, 3.5, 1.4, 0.2]]", "--feedback", "--reward", "0.5");
            assertThat(grpc.code()).as(grpc.out() + grpc.err()).isZero();
            final String grpcPuid = JSON.readTree(grpc.out().lines().findFirst().orElseThrow())
                    .path("meta")
                    .path("puid")
                    .asText();
            assertThat(grpcPuid).isNotEmpty().isNotEqualTo(puid);
            await("the gRPC prediction and its feedback in the request log", () -> {
                final Cli.Run logs = Cli.run("logs", "requests", "iris", "--server", api, "-o", "json");
                return logs.code() == 0
                        && logs.out().contains(grpcPuid)
                        && logs.out().contains("\"reward\" : 0.5");
            });
            final Cli.Run v2 = predictIrisOverGrpc(
                    gatewayAddress, "--protocol", "v2", "--model", "classifier", "--data", "[[5.1, 3.5, 1.4, 0.2]]");
            assertThat(v2.code()).as(v2.out() + v2.err()).isZero();
            assertThat(JSON.readTree(v2.out()).path("outputs").isArray()).isTrue();
            final Cli.Run missing = Cli.run(
                    "predict",
                    "--gateway",
                    gatewayAddress,
                    "-n",
                    "default",
                    "-d",
                    "nothere",
                    "--transport",
                    "grpc",
                    "--data",
                    "[[5.1, 3.5, 1.4, 0.2]]");
            assertThat(missing.code()).isEqualTo(1);
            assertThat(missing.err()).contains("NOT_FOUND").contains("nothere");

            final Cli.Run unknown = Cli.run("logs", "requests", "Iris", "--server", api);
            assertThat(unknown.code()).isNotZero();
            assertThat(unknown.err()).contains("DEPLOYMENT");
        }
    }

    private static JsonNode post(String url, String body) throws Exception {
        final HttpResponse<String> r = HTTP.send(
                HttpRequest.newBuilder(URI.create(url))
                        .timeout(Duration.ofSeconds(30))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return JSON.readTree(r.body());
    }

    private static void await(String what, java.util.function.BooleanSupplier condition) throws InterruptedException {
        final long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("waiting for " + what).isLessThan(deadline);
            Thread.sleep(100); // the events are sent asynchronously; bounded by the deadline
        }
    }
}
