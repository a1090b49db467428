package dev.slipway.serving.gateway;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A graph node for gateway tests: a real HTTP server on a free port that answers Seldon's component paths.
 * Like the real server it answers 400 to a body that is not JSON and echoes the request's tags.
 * {@code /predict} answers {@code [[name]]} plus a non-schema field and a tag; {@code /transform-input} and
 * {@code /transform-output} append the name to {@code strData}-free ndarrays; {@code /route} answers
 * {@link #route}; {@code /aggregate} concatenates its inputs' rows.
 */
final class FakeComponent implements AutoCloseable {

    final String name;
    final List<String> calls = new CopyOnWriteArrayList<>();
    final AtomicInteger predictions = new AtomicInteger();
    volatile int route = 0;
    volatile int status = 200;
    volatile long delayMillis;
    /** When set, /predict answers exactly this body, marked as a Slipway server's schema-only message. */
    volatile String slipwayAnswer;

    private final Vertx vertx;
    private final HttpServer server;

    FakeComponent(Vertx vertx, String name) throws Exception {
        this.vertx = vertx;
        this.name = name;
        this.server = vertx.createHttpServer().requestHandler(this::handle);
        server.listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    int port() {
        return server.actualPort();
    }

    ReplicaAddress endpoint(String id) {
        return new ReplicaAddress(id, "127.0.0.1", port());
    }

    private void handle(HttpServerRequest req) {
        req.body().onSuccess(body -> {
            calls.add(req.path());
            final Runnable answer = () -> answer(req, body.toString());
            if (delayMillis > 0) {
                vertx.setTimer(delayMillis, t -> answer.run());
            } else {
                answer.run();
            }
        });
    }

    private void answer(HttpServerRequest req, String body) {
        if (slipwayAnswer != null && req.path().equals("/predict")) {
            predictions.incrementAndGet();
            req.response()
                    .putHeader("Content-Type", "application/json")
                    .putHeader(dev.slipway.protocol.v1.SeldonMessageWriter.SCHEMA_HEADER, "SeldonMessage")
                    .end(slipwayAnswer);
            return;
        }
        if (status != 200) {
            req.response()
                    .setStatusCode(status)
                    .putHeader("Content-Type", "application/json")
                    .end("{\"status\":{\"code\":" + status + ",\"info\":\"" + name
                            + " failed\",\"reason\":\"MICROSERVICE_BAD_DATA\",\"status\":\"FAILURE\"},\"debug\":1}");
            return;
        }
        final ObjectNode in = SeldonJson.parseReply(body.getBytes());
        if (in == null && req.method() == io.vertx.core.http.HttpMethod.POST) {
            req.response()
                    .setStatusCode(400)
                    .putHeader("Content-Type", "application/json")
                    .end("{\"status\":{\"code\":-1,\"info\":\"" + name
                            + ": not JSON\",\"reason\":\"MICROSERVICE_BAD_DATA\",\"status\":\"FAILURE\"}}");
            return;
        }
        final ObjectNode out = SeldonJson.NODES.objectNode();
        switch (req.path()) {
            case "/predict" -> {
                predictions.incrementAndGet();
                out.putObject("data").putArray("ndarray").addArray().add(name);
                final ObjectNode tags =
                        out.putObject("meta").put("extraMeta", 1).putObject("tags");
                if (in.path("meta").path("tags").isObject()) {
                    tags.setAll((ObjectNode) in.path("meta").path("tags"));
                }
                tags.put("servedBy", name);
                out.put("extra", 1);
            }
            case "/transform-input", "/transform-output" -> {
                final ArrayNode rows =
                        (ArrayNode) in.path("data").path("ndarray").deepCopy();
                rows.addArray().add(name + req.path());
                out.putObject("data").set("ndarray", rows);
            }
            case "/route" ->
                out.putObject("data").putArray("ndarray").addArray().add(route);
            case "/aggregate" -> {
                final ArrayNode rows = out.putObject("data").putArray("ndarray");
                in.path("seldonMessages")
                        .forEach(m -> m.path("data").path("ndarray").forEach(rows::add));
            }
            case "/send-feedback" -> out.putObject("data").putArray("ndarray").add(name + " thanks");
            case "/api/v1.0/metadata" -> out.put("name", name).putArray("inputs");
            case "/v2/models/m/infer" -> out.put("model_name", name);
            default -> {
                req.response().setStatusCode(404).end();
                return;
            }
        }
        req.response().putHeader("Content-Type", "application/json").end(new String(SeldonJson.bytes(out)));
    }

    @Override
    public void close() throws Exception {
        server.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
}
