package dev.slipway.serving.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Runs a request through a predictor's graph in Seldon's order: for each node transform-input (or predict
 * for a MODEL) → route (ROUTER) → children (the routed one, or all in parallel) → aggregate (COMBINER;
 * otherwise the first child's answer) → transform-output. Records {@code requestPath} for every node called
 * and {@code routing} for every router; feedback walks the same graph, following {@code meta.routing}.
 */
final class GraphExecutor {

    private static final MultiMap JSON = MultiMap.caseInsensitiveMultiMap().add("Content-Type", "application/json");
    private static final MultiMap GRPC_WEB = MultiMap.caseInsensitiveMultiMap()
            .add("Content-Type", dev.slipway.serving.grpc.GrpcWeb.CONTENT_TYPE)
            .add("Accept", dev.slipway.serving.grpc.GrpcWeb.CONTENT_TYPE);

    private final ComponentClient client;
    private final GatewayMetrics metrics;
    private final RequestLogger requestLog;

    GraphExecutor(ComponentClient client, GatewayMetrics metrics, RequestLogger requestLog) {
        this.client = client;
        this.metrics = metrics;
        this.requestLog = requestLog;
    }

    Future<ObjectNode> predict(GraphRoute node, ObjectNode message, CallContext ctx) {
        final Future<ObjectNode> input;
        if (node.steps().contains(Step.PREDICT)) {
            input = call(node, Step.PREDICT, message, ctx);
        } else if (node.steps().contains(Step.TRANSFORM_INPUT)) {
            input = call(node, Step.TRANSFORM_INPUT, message, ctx);
        } else {
            input = Future.succeededFuture(message);
        }
        return input.compose(transformed -> children(node, transformed, ctx))
                .compose(out -> node.steps().contains(Step.TRANSFORM_OUTPUT)
                        ? call(node, Step.TRANSFORM_OUTPUT, out, ctx)
                        : Future.succeededFuture(out));
    }

    private Future<ObjectNode> children(GraphRoute node, ObjectNode message, CallContext ctx) {
        if (node.children().isEmpty()) {
            return Future.succeededFuture(message);
        }
        return route(node, message, ctx).compose(route -> {
            final List<Future<ObjectNode>> outputs = new ArrayList<>();
            if (route == -1) {
                for (final GraphRoute child : node.children()) {
                    outputs.add(predict(child, message.deepCopy(), ctx));
                }
            } else {
                outputs.add(predict(node.children().get(route), message, ctx));
            }
            return Future.all(outputs).compose(all -> {
                final List<ObjectNode> results = new ArrayList<>();
                outputs.forEach(f -> results.add(f.result()));
                return aggregate(node, results, ctx);
            });
        });
    }

    private Future<Integer> route(GraphRoute node, ObjectNode message, CallContext ctx) {
        if (!node.steps().contains(Step.ROUTE)) {
            return Future.succeededFuture(-1);
        }
        return call(node, Step.ROUTE, message, ctx).map(answer -> {
            final int route = routeIndex(answer);
            if (route < -1 || route >= node.children().size()) {
                throw new GatewayException(
                        500,
                        "ROUTER_ERROR",
                        "router " + node.name() + " chose child " + route + " but has "
                                + node.children().size() + " children");
            }
            ctx.routing.put(node.name(), route);
            return route;
        });
    }

    private static int routeIndex(JsonNode answer) {
        JsonNode n = answer.path("data").path("ndarray");
        while (n.isArray() && n.size() > 0) {
            n = n.get(0);
        }
        if (n.isMissingNode() || n.isArray()) {
            final JsonNode values = answer.path("data").path("tensor").path("values");
            n = values.isArray() && values.size() > 0 ? values.get(0) : n;
        }
        if (!n.isNumber()) {
            throw new GatewayException(500, "ROUTER_ERROR", "router answer has no child index: " + answer);
        }
        return n.asInt();
    }

    private Future<ObjectNode> aggregate(GraphRoute node, List<ObjectNode> outputs, CallContext ctx) {
        if (!node.steps().contains(Step.AGGREGATE)) {
            return Future.succeededFuture(outputs.get(0));
        }
        final ObjectNode body = SeldonJson.NODES.objectNode();
        final ArrayNode messages = body.putArray("seldonMessages");
        outputs.forEach(messages::add);
        return call(node, Step.AGGREGATE, body, ctx);
    }

    /** Sends feedback through the graph: children first (the routed one when the response says so). */
    Future<ObjectNode> feedback(GraphRoute node, ObjectNode feedback, CallContext ctx) {
        final List<Future<ObjectNode>> children = new ArrayList<>();
        final JsonNode routed =
                feedback.path("response").path("meta").path("routing").get(node.name());
        if (routed != null
                && routed.canConvertToInt()
                && routed.asInt() >= 0
                && routed.asInt() < node.children().size()) {
            children.add(feedback(node.children().get(routed.asInt()), feedback, ctx));
        } else {
            node.children().forEach(child -> children.add(feedback(child, feedback, ctx)));
        }
        return Future.all(children).compose(done -> {
            if (node.steps().contains(Step.SEND_FEEDBACK)) {
                return call(node, Step.SEND_FEEDBACK, feedback, ctx);
            }
            for (final Future<ObjectNode> child : children) {
                if (child.result() != null) {
                    return Future.succeededFuture(child.result());
                }
            }
            return Future.succeededFuture(null);
        });
    }

    /**
     * Logs a feedback once per deployment as Seldon's {@code io.seldon.serving.feedback} event (to the sink of the first
     * logged node, depth first), when any node of the graph logs and the feedback names the prediction's puid.
     */
    void logFeedback(GraphRoute graph, ObjectNode feedback, CallContext ctx) {
        if (ctx.puid == null) {
            return;
        }
        final GraphRoute logged = firstLogged(graph);
        if (logged != null) {
            requestLog.log(
                    logged.logger(), ctx, logged, RequestLogger.FEEDBACK, Buffer.buffer(SeldonJson.bytes(feedback)));
        }
    }

    private static GraphRoute firstLogged(GraphRoute node) {
        if (node.logger() != null) {
            return node;
        }
        for (final GraphRoute child : node.children()) {
            final GraphRoute found = firstLogged(child);
            if (found != null) {
                return found;
            }
        }
        return null;
    }

    private Future<ObjectNode> call(GraphRoute node, Step step, ObjectNode message, CallContext ctx) {
        return callRaw(node, step, Buffer.buffer(SeldonJson.bytes(message)), ctx);
    }

    /**
     * Calls one node with a body as received (no parse: the fast path of a one-node graph, whose server
     * validates the request itself) and reads its answer.
     */
    Future<ObjectNode> callRaw(GraphRoute node, Step step, Buffer body, CallContext ctx) {
        return send(node, step, body, ctx).compose(reply -> interpret(node, step, reply, ctx));
    }

    /**
     * Sends a body to one node as received and records the call; the reply is not looked at. A logged node's request
     * event goes out before the call when the puid is known; else (a body sent as received, without a puid) after the
     * answer, with the puid the node answered with and the time the request was sent.
     */
    Future<ComponentClient.Reply> send(GraphRoute node, Step step, Buffer body, CallContext ctx) {
        ctx.requestPath.put(node.name(), node.image());
        final NodeLogger logger = step == Step.SEND_FEEDBACK ? null : node.logger();
        final boolean requestLogged = logger != null && logger.requests() && ctx.puid != null;
        if (requestLogged) {
            requestLog.log(logger, ctx, node, RequestLogger.REQUEST, body);
        }
        final Instant sentAt = logger != null && !requestLogged ? Instant.now() : null;
        final long start = System.nanoTime();
        final Future<ComponentClient.Reply> sent = step == Step.SEND_FEEDBACK
                ? client.sendOnce(node.pool(), HttpMethod.POST, step.path(), JSON, body, ctx.timeoutMillis)
                : client.send(node.pool(), HttpMethod.POST, step.path(), JSON, body, ctx.timeoutMillis);
        return sent.transform(result -> {
            final DeploymentRoute deployment = ctx.deployment;
            if (result.failed()) {
                final int code = result.cause() instanceof GatewayException g ? g.httpStatus() : 500;
                metrics.client(deployment, ctx.predictor, node, step, code, System.nanoTime() - start);
                if (logger != null && logger.requests() && !requestLogged) {
                    requestLog.log(logger, ctx, node, RequestLogger.REQUEST, body, sentAt);
                }
                return Future.failedFuture(result.cause());
            }
            final ComponentClient.Reply reply = result.result();
            metrics.client(deployment, ctx.predictor, node, step, reply.status(), System.nanoTime() - start);
            if (logger != null) {
                logAnswered(logger, node, body, ctx, reply, !requestLogged, sentAt);
            }
            return Future.succeededFuture(reply);
        });
    }

    /**
     * A logged node answered: the puid it answered with (when none was known), then its request event (unless it went
     * out before the call) and its response event, made after the answer was written ({@link #afterAnswer}).
     */
    private void logAnswered(
            NodeLogger logger,
            GraphRoute node,
            Buffer body,
            CallContext ctx,
            ComponentClient.Reply reply,
            boolean requestToLog,
            @Nullable Instant sentAt) {
        if (ctx.puid == null && reply.status() == 200) {
            ctx.puid = Puid.of(reply.body());
        }
        final boolean logRequest = requestToLog && logger.requests();
        final boolean logResponse = logger.responses() && reply.status() == 200;
        if (!logRequest && !logResponse) {
            return;
        }
        final Instant answeredAt = Instant.now();
        afterAnswer(() -> {
            if (logRequest) {
                requestLog.log(logger, ctx, node, RequestLogger.REQUEST, body, sentAt);
            }
            if (logResponse) {
                requestLog.log(logger, ctx, node, RequestLogger.RESPONSE, reply.body(), answeredAt);
            }
        });
    }

    /**
     * Runs {@code events} (a node's request-log events) once the task at hand is done: after the answer it completes
     * was written to the client, so the client does not wait for the log; inline off a Vert.x thread.
     */
    private static void afterAnswer(Runnable events) {
        final io.vertx.core.Context context = io.vertx.core.Vertx.currentContext();
        if (context == null) {
            events.run();
        } else {
            context.runOnContext(v -> events.run());
        }
    }

    /**
     * Sends a gRPC message to one node as gRPC-Web ({@link dev.slipway.serving.grpc.GrpcWeb}) over the gateway's
     * HTTP/1.1 connections and records the call; the reply is not looked at.
     */
    Future<ComponentClient.Reply> forwardGrpcWeb(GraphRoute node, String path, Buffer message, CallContext ctx) {
        final long start = System.nanoTime();
        return client.send(
                        node.pool(),
                        HttpMethod.POST,
                        path,
                        GRPC_WEB,
                        dev.slipway.serving.grpc.GrpcWeb.frame(message),
                        ctx.timeoutMillis)
                .transform(result -> {
                    final int code = result.succeeded()
                            ? result.result().status()
                            : result.cause() instanceof GatewayException g ? g.httpStatus() : 500;
                    metrics.client(ctx.deployment, ctx.predictor, node, Step.PREDICT, code, System.nanoTime() - start);
                    return result.succeeded()
                            ? Future.succeededFuture(result.result())
                            : Future.failedFuture(result.cause());
                });
    }

    /** A node's reply as a message: its JSON object, or a failure carrying the node's error or a 502. */
    Future<ObjectNode> interpret(GraphRoute node, Step step, ComponentClient.Reply reply, CallContext ctx) {
        final ObjectNode answer = SeldonJson.parseReply(reply.body().getBytes());
        if (reply.status() != 200) {
            final ObjectNode error = answer != null && answer.has("status")
                    ? SeldonJson.sanitize(answer)
                    : SeldonJson.failure(
                            reply.status(),
                            "MICROSERVICE_INTERNAL_ERROR",
                            "node " + node.name() + " answered " + reply.status() + " to " + step.path() + ": "
                                    + abbreviate(reply.body().toString()));
            return Future.failedFuture(new ComponentException(
                    reply.status(), error, "node " + node.name() + " answered " + reply.status()));
        }
        if (answer == null) {
            return Future.failedFuture(new GatewayException(
                    502,
                    "MICROSERVICE_BAD_RESPONSE",
                    "node " + node.name() + " answered " + step.path() + " with something other than a JSON object"));
        }
        ctx.collect(answer);
        return Future.succeededFuture(answer);
    }

    private static String abbreviate(String s) {
        return s.length() > 300 ? s.substring(0, 300) + "…" : s;
    }
}
