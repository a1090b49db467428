package dev.slipway.serving.http;

import dev.slipway.protocol.v1.SeldonMessageWriter;
import dev.slipway.serving.metrics.ServingMetrics;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The HTTP transport over a {@link RouteTable}: reads a bounded body, turns it into a {@link Request},
 * runs the endpoint (model calls on a worker thread, bounded by the request timeout), writes the
 * {@link Reply}, and records the request's metrics. Thin by design: no protocol logic lives here.
 */
public final class HttpTransport implements Handler<HttpServerRequest> {

    private final Vertx vertx;
    private final RouteTable<Endpoint> routes;
    private final ServingMetrics metrics;
    private final long maxBodyBytes;
    private final long timeoutMillis;
    private final boolean modelOnEventLoop;
    private final BoundedBody bodies;

    /**
     * @param maxBodyBytes larger bodies are refused with 413
     * @param timeoutMillis a model call that takes longer is answered with 504
     * @param modelOnEventLoop run model calls on the event loop (for models known to take microseconds)
     */
    public HttpTransport(
            Vertx vertx,
            RouteTable<Endpoint> routes,
            ServingMetrics metrics,
            long maxBodyBytes,
            long timeoutMillis,
            boolean modelOnEventLoop) {
        this(
                vertx,
                routes,
                metrics,
                maxBodyBytes,
                timeoutMillis,
                modelOnEventLoop,
                BoundedBody.defaultBudget(maxBodyBytes));
    }

    /**
     * As above; {@code inFlightBudget} bounds the request bytes all requests being read or answered hold together: one
     * that would exceed it is answered 503 (retry later) instead of taking the heap (default: a quarter of the heap, at
     * least one largest body).
     */
    public HttpTransport(
            Vertx vertx,
            RouteTable<Endpoint> routes,
            ServingMetrics metrics,
            long maxBodyBytes,
            long timeoutMillis,
            boolean modelOnEventLoop,
            long inFlightBudget) {
        this.bodies = new BoundedBody(maxBodyBytes, inFlightBudget);
        this.vertx = Objects.requireNonNull(vertx, "vertx");
        this.routes = Objects.requireNonNull(routes, "routes");
        this.metrics = Objects.requireNonNull(metrics, "metrics");
        this.maxBodyBytes = maxBodyBytes;
        this.timeoutMillis = timeoutMillis;
        this.modelOnEventLoop = modelOnEventLoop;
    }

    @Override
    public void handle(HttpServerRequest req) {
        handle(req, req.path());
    }

    /**
     * Serves {@code req} as if its path were {@code path} (a server hosting several models strips its
     * {@code /models/NAME} prefix).
     */
    public void handle(HttpServerRequest req, String path) {
        long start = System.nanoTime();
        String method = req.method().name();
        RouteTable.Match<Endpoint> match = routes.find(method, path);
        ErrorStyle pathStyle = path.startsWith("/v2") ? ErrorStyle.V2 : ErrorStyle.SELDON;
        if (match == null) {
            BoundedBody.drainThen(
                    req,
                    () -> write(
                            req,
                            ErrorMapper.of(404, "NOT_FOUND", "no such path: " + method + " " + path, pathStyle),
                            "unknown",
                            start));
            return;
        }
        Endpoint endpoint = match.endpoint();
        if (endpoint == null) {
            req.response().putHeader("Allow", match.allowed());
            BoundedBody.drainThen(
                    req,
                    () -> write(
                            req,
                            ErrorMapper.of(
                                    405,
                                    "METHOD_NOT_ALLOWED",
                                    method + " is not allowed on " + path + " (allowed: " + match.allowed() + ")",
                                    pathStyle),
                            "unknown",
                            start));
            return;
        }
        readBody(req, path, endpoint, match.params(), start);
    }

    private void readBody(
            HttpServerRequest req, String path, Endpoint endpoint, Map<String, String> params, long start) {
        bodies.read(req, new BoundedBody.Reader() {
            @Override
            public void body(Buffer body) {
                dispatch(req, path, endpoint, params, body.getBytes(), start);
            }

            @Override
            public void tooLarge() {
                req.response().putHeader("Connection", "close");
                write(req, HttpTransport.this.tooLarge(endpoint), endpoint.service(), start);
            }

            @Override
            public void overloaded() {
                req.response().putHeader("Connection", "close").putHeader("Retry-After", "1");
                write(
                        req,
                        ErrorMapper.of(
                                503,
                                "OVERLOADED",
                                "the server holds " + bodies.budget() / (1024 * 1024)
                                        + " MiB of requests already: retry later",
                                endpoint.style()),
                        endpoint.service(),
                        start);
            }
        });
    }

    private Reply tooLarge(Endpoint endpoint) {
        return ErrorMapper.of(
                413,
                "PAYLOAD_TOO_LARGE",
                "request body is larger than the limit of " + maxBodyBytes + " bytes (see --max-request-bytes)",
                endpoint.style());
    }

    private void dispatch(
            HttpServerRequest req, String path, Endpoint endpoint, Map<String, String> params, byte[] raw, long start) {
        Request request;
        try {
            byte[] json = RequestBodies.extract(req, raw, endpoint.style());
            String ct = req.getHeader("Content-Type");
            request = new Request(req.method().name(), path, ct, json, params);
        } catch (RuntimeException e) {
            write(req, ErrorMapper.toReply(e, endpoint.style()), endpoint.service(), start);
            return;
        }
        if (!endpoint.blocking() || modelOnEventLoop) {
            write(req, call(endpoint, request), endpoint.service(), start);
            return;
        }
        AtomicBoolean done = new AtomicBoolean();
        long timer = vertx.setTimer(timeoutMillis, id -> {
            if (done.compareAndSet(false, true)) {
                write(
                        req,
                        ErrorMapper.of(
                                504,
                                "TIMEOUT",
                                "the model did not answer within " + timeoutMillis + " ms (see --request-timeout)",
                                endpoint.style()),
                        endpoint.service(),
                        start);
            }
        });
        vertx.<Reply>executeBlocking(() -> call(endpoint, request), false).onComplete(ar -> {
            if (done.compareAndSet(false, true)) {
                vertx.cancelTimer(timer);
                Reply reply = ar.succeeded() ? ar.result() : ErrorMapper.toReply(ar.cause(), endpoint.style());
                write(req, reply, endpoint.service(), start);
            }
        });
    }

    private static Reply call(Endpoint endpoint, Request request) {
        try {
            return endpoint.handler().handle(request);
        } catch (Exception | StackOverflowError | OutOfMemoryError | LinkageError e) {
            return ErrorMapper.toReply(e, endpoint.style());
        }
    }

    private void write(HttpServerRequest req, Reply reply, String service, long start) {
        HttpServerResponse res = req.response();
        if (res.ended() || res.closed()) {
            return;
        }
        res.setStatusCode(reply.status())
                .putHeader("Content-Type", reply.contentType())
                .putHeader("Access-Control-Allow-Origin", "*");
        if (reply.seldonMessage()) {
            res.putHeader(SeldonMessageWriter.SCHEMA_HEADER, "SeldonMessage");
        }
        if (req.method().name().equals("HEAD")) {
            res.putHeader("Content-Length", Integer.toString(reply.body().length))
                    .end();
        } else {
            res.end(Buffer.buffer(reply.body()));
        }
        metrics.request(service, req.method().name(), reply.status(), System.nanoTime() - start);
        AccessLog.request(req, reply.status(), reply.body().length, System.nanoTime() - start);
    }
}
