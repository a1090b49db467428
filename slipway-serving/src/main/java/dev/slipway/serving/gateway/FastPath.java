package dev.slipway.serving.gateway;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import dev.slipway.protocol.v1.SeldonMessageWriter;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Predictions for a one-node MODEL graph without the router: the body goes to a replica as received, and
 * a 200 answer from a Slipway model server (which writes only SeldonMessage fields, meta first, and says
 * so with {@link SeldonMessageWriter#SCHEMA_HEADER}) gets {@code meta.requestPath} spliced in as bytes
 * instead of being parsed and written again. Anything else takes the general path.
 */
final class FastPath {

    private static final byte[] META_PREFIX = "{\"meta\":{".getBytes(StandardCharsets.US_ASCII);

    private final DeploymentRegistry routes;
    private final GraphExecutor executor;
    private final DeploymentService service;
    private final GatewayMetrics metrics;
    private final long maxBodyBytes;
    private final Map<GraphRoute, byte[]> requestPaths = new ConcurrentHashMap<>();

    FastPath(
            DeploymentRegistry routes,
            GraphExecutor executor,
            DeploymentService service,
            GatewayMetrics metrics,
            long maxBodyBytes) {
        this.routes = routes;
        this.executor = executor;
        this.service = service;
        this.metrics = metrics;
        this.maxBodyBytes = maxBodyBytes;
    }

    /** Handles the request when it is a prediction for a one-node graph; false leaves it to the router. */
    boolean handle(HttpServerRequest req) {
        if (req.method() != HttpMethod.POST) {
            return false;
        }
        final String path = req.path();
        if (!path.startsWith("/seldon/") || !path.endsWith("/api/v1.0/predictions")) {
            return false;
        }
        final String middle = path.substring("/seldon/".length(), path.length() - "/api/v1.0/predictions".length());
        final int slash = middle.indexOf('/');
        final String ns = slash < 0 ? GatewayCall.DEFAULT_NAMESPACE : middle.substring(0, slash);
        final String dep = slash < 0 ? middle : middle.substring(slash + 1);
        if (ns.isEmpty() || dep.isEmpty() || dep.indexOf('/') >= 0 || dep.indexOf('%') >= 0 || ns.indexOf('%') >= 0) {
            return false;
        }
        final String length = req.getHeader("Content-Length");
        if (length == null || !isSmall(length)) {
            return false; // chunked or large bodies: HttpGateway reads them through the bounded body
        }
        final DeploymentRegistry.Active active = routes.active(ns, dep).orElse(null);
        if (active == null) {
            return false;
        }
        for (final PredictorRoute p : active.route().predictors()) {
            if (!p.shadow() && !DeploymentService.direct(p.graph())) {
                return false; // decided before the split, so the router's path sees every draw of the splitter
            }
        }
        final PredictorRoute predictor = active.splitter().next();
        if (predictor == null) {
            return false;
        }
        final long start = System.nanoTime();
        req.body().onComplete(read -> {
            if (read.failed()) {
                return; // the connection went away
            }
            final Buffer body = read.result();
            for (final PredictorRoute shadow : active.shadows()) {
                service.shadow(active, shadow, body.getBytes());
            }
            final CallContext ctx = new CallContext(active.route(), predictor);
            final GraphRoute node = predictor.graph();
            executor.send(node, Step.PREDICT, body, ctx).onComplete(sent -> {
                if (sent.succeeded()
                        && sent.result().status() == 200
                        && sent.result().fromSlipway()) {
                    final Buffer spliced = splice(sent.result().body(), node);
                    if (spliced != null) {
                        write(req, start, ns, dep, predictor, 200, spliced);
                        return;
                    }
                }
                if (sent.failed()) {
                    error(req, start, ns, dep, predictor, sent.cause());
                    return;
                }
                executor.interpret(node, Step.PREDICT, sent.result(), ctx).onComplete(done -> {
                    if (done.failed()) {
                        error(req, start, ns, dep, predictor, done.cause());
                    } else {
                        write(
                                req,
                                start,
                                ns,
                                dep,
                                predictor,
                                200,
                                Buffer.buffer(
                                        SeldonJson.bytes(DeploymentService.finish(done.result(), ctx, null, null))));
                    }
                });
            });
        });
        return true;
    }

    private boolean isSmall(String length) {
        try {
            final long n = Long.parseLong(length.trim());
            return n >= 0 && n <= maxBodyBytes;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    /** {@code {"meta":{"requestPath":{node: image}, …rest}}, or null when the body is not meta-first. */
    private Buffer splice(Buffer body, GraphRoute node) {
        final int n = META_PREFIX.length;
        if (body.length() <= n) {
            return null;
        }
        for (int i = 0; i < n; i++) {
            if (body.getByte(i) != META_PREFIX[i]) {
                return null;
            }
        }
        final byte[] fragment = requestPaths.computeIfAbsent(node, FastPath::requestPathFragment);
        final boolean emptyMeta = body.getByte(n) == '}';
        final Buffer out = Buffer.buffer(body.length() + fragment.length + 1);
        out.appendBytes(META_PREFIX).appendBytes(fragment);
        if (!emptyMeta) {
            out.appendByte((byte) ',');
        }
        return out.appendBuffer(body, n, body.length() - n);
    }

    private static byte[] requestPathFragment(GraphRoute node) {
        final JsonStringEncoder enc = JsonStringEncoder.getInstance();
        final String text = "\"requestPath\":{\"" + new String(enc.quoteAsString(node.name())) + "\":\""
                + new String(enc.quoteAsString(node.image())) + "\"}";
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private void error(
            HttpServerRequest req, long start, String ns, String dep, PredictorRoute predictor, Throwable cause) {
        final HttpGateway.Failure f = HttpGateway.Failure.of(cause);
        write(req, start, ns, dep, predictor, f.status(), Buffer.buffer(SeldonJson.bytes(f.body())));
    }

    private void write(
            HttpServerRequest req,
            long start,
            String ns,
            String dep,
            PredictorRoute predictor,
            int status,
            Buffer body) {
        final HttpServerResponse response = req.response();
        if (response.ended() || response.closed()) {
            return;
        }
        response.setStatusCode(status)
                .putHeader("Content-Type", "application/json")
                .end(body);
        metrics.server(ns, dep, predictor, "predictions", "POST", status, System.nanoTime() - start);
    }
}
