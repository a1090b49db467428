package dev.slipway.serving.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.slipway.serving.http.BoundedBody;
import dev.slipway.serving.http.RouteTable;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import java.util.List;
import java.util.Map;

/**
 * The gateway's REST adapter on the serving module's one HTTP model, the {@link RouteTable}: each route reads its
 * body through the server's {@link BoundedBody}, makes a {@link GatewayCall}, asks the {@link DeploymentService},
 * and answers once.
 */
final class HttpGateway implements Handler<HttpServerRequest> {

    /** One route: runs with the path's parameters and the body read. */
    @FunctionalInterface
    private interface Route {
        void handle(HttpServerRequest req, Map<String, String> params, Buffer body);
    }

    private static final String METRICS_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    private final DeploymentService service;
    private final GatewayMetrics metrics;
    private final BoundedBody bodies;
    private final RouteTable<Route> routes = new RouteTable<>();

    HttpGateway(
            DeploymentService service, GatewayMetrics metrics, PrometheusMeterRegistry registry, BoundedBody bodies) {
        this.service = service;
        this.metrics = metrics;
        this.bodies = bodies;
        // with the namespace first: a pattern's order decides between /seldon/NS/DEP/v2/… and /seldon/DEP/v2/…
        for (final String prefix : List.of("/seldon/{ns}/{dep}", "/seldon/{dep}")) {
            routes.add("POST", prefix + "/api/v1.0/predictions", this::predictions);
            routes.add("POST", prefix + "/api/v1.0/feedback", this::feedback);
            routes.add("GET", prefix + "/api/v1.0/metadata", this::metadata);
            routes.add("GET", prefix + "/api/v1.0/metadata/{model}", this::metadata);
            routes.add(RouteTable.ANY_METHOD, prefix + "/v2/{" + RouteTable.REST + "}", this::v2);
        }
        final Route scrape = (req, params, body) ->
                req.response().putHeader("Content-Type", METRICS_TYPE).end(registry.scrape());
        routes.add("GET", "/prometheus", scrape);
        routes.add("GET", "/metrics", scrape);
        routes.add("GET", "/health/ping", (req, params, body) -> req.response().end("pong"));
    }

    @Override
    public void handle(HttpServerRequest req) {
        final RouteTable.Match<Route> match = routes.find(req.method().name(), req.path());
        if (match == null || match.endpoint() == null) {
            final boolean known = match != null;
            if (known) {
                req.response().putHeader("Allow", match.allowed());
            }
            BoundedBody.drainThen(
                    req,
                    () -> plain(
                            req,
                            known ? 405 : 404,
                            known ? "METHOD_NOT_ALLOWED" : "NOT_FOUND",
                            known
                                    ? req.method() + " is not allowed on " + req.path() + " (allowed: "
                                            + match.allowed() + ")"
                                    : "no gateway route for " + req.method() + " " + req.path()));
            return;
        }
        final Route route = match.endpoint();
        bodies.read(req, new BoundedBody.Reader() {
            @Override
            public void body(Buffer body) {
                route.handle(req, match.params(), body);
            }

            @Override
            public void tooLarge() {
                req.response().putHeader("Connection", "close");
                plain(
                        req,
                        413,
                        "PAYLOAD_TOO_LARGE",
                        "request body is larger than the limit of " + bodies.maxBytes() + " bytes");
            }

            @Override
            public void overloaded() {
                req.response().putHeader("Connection", "close").putHeader("Retry-After", "1");
                plain(
                        req,
                        503,
                        "OVERLOADED",
                        "the gateway holds " + bodies.budget() / (1024 * 1024)
                                + " MiB of requests already: retry later");
            }
        });
    }

    private static GatewayCall call(HttpServerRequest req, Map<String, String> params, String service) {
        return new GatewayCall(
                params.get("ns"), params.get("dep"), service, req.method().name());
    }

    private void predictions(HttpServerRequest req, Map<String, String> params, Buffer body) {
        final GatewayCall call = call(req, params, "predictions");
        json(req, call, attempt(() -> service.predict(call, body)));
    }

    private void feedback(HttpServerRequest req, Map<String, String> params, Buffer body) {
        final GatewayCall call = call(req, params, "feedback");
        json(req, call, attempt(() -> service.feedback(call, body.getBytes())));
    }

    private void metadata(HttpServerRequest req, Map<String, String> params, Buffer body) {
        final GatewayCall call = call(req, params, "metadata");
        json(req, call, attempt(() -> service.metadata(call, params.get("model"))));
    }

    /** Forwards {@code /seldon/{ns}/{dep}/v2/...} to the node that serves the named model. */
    private void v2(HttpServerRequest req, Map<String, String> params, Buffer body) {
        final GatewayCall call = call(req, params, "v2");
        final String uri = req.uri();
        final String path = uri.substring(uri.indexOf("/v2/"));
        final HttpMethod method = req.method();
        attempt(() -> service.v2(call, method, path, req.getHeader("Content-Type"), body))
                .onComplete(r -> {
                    if (r.failed()) {
                        fail(req, call, r.cause());
                    } else if (call.answer()) {
                        final HttpServerResponse response =
                                req.response().setStatusCode(r.result().status());
                        if (r.result().contentType() != null) {
                            response.putHeader("Content-Type", r.result().contentType());
                        }
                        response.end(r.result().body());
                        metrics.server(call, r.result().status());
                    }
                });
    }

    /** An answer that is no gateway call (404, 405, 413, 503): a Seldon error body. */
    private static void plain(HttpServerRequest req, int status, String reason, String info) {
        final HttpServerResponse response = req.response();
        if (response.ended() || response.closed()) {
            return;
        }
        response.setStatusCode(status)
                .putHeader("Content-Type", "application/json")
                .end(Buffer.buffer(SeldonJson.bytes(SeldonJson.failure(status, reason, info))));
    }

    private static <T> Future<T> attempt(java.util.function.Supplier<Future<T>> work) {
        try {
            return work.get();
        } catch (RuntimeException e) {
            return Future.failedFuture(e);
        }
    }

    private void json(HttpServerRequest req, GatewayCall call, Future<? extends JsonNode> result) {
        result.onComplete(r -> {
            if (r.failed()) {
                fail(req, call, r.cause());
            } else {
                reply(req, call, 200, r.result());
            }
        });
    }

    private void reply(HttpServerRequest req, GatewayCall call, int status, JsonNode body) {
        if (!call.answer()) {
            return;
        }
        req.response()
                .setStatusCode(status)
                .putHeader("Content-Type", "application/json")
                .end(Buffer.buffer(SeldonJson.bytes(body)));
        metrics.server(call, status);
    }

    private void fail(HttpServerRequest req, GatewayCall call, Throwable cause) {
        final Failure f = Failure.of(cause);
        reply(req, call, f.status(), f.body());
    }

    /** The status and Seldon error body of a failure. */
    record Failure(int status, ObjectNode body) {
        static Failure of(Throwable cause) {
            if (cause instanceof GatewayException g) {
                return new Failure(g.httpStatus(), SeldonJson.failure(g.httpStatus(), g.reason(), g.getMessage()));
            }
            if (cause instanceof ComponentException c) {
                return new Failure(c.httpStatus(), c.body());
            }
            return new Failure(500, SeldonJson.failure(500, "GATEWAY_ERROR", String.valueOf(cause)));
        }

        /** The human-readable message of the failure. */
        String info() {
            return body.path("status").path("info").asText(String.valueOf(status));
        }
    }
}
