package dev.slipway.serving.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.slipway.serving.grpc.GrpcErrors;
import dev.slipway.serving.grpc.GrpcWeb;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * What the gateway does for a deployment, free of any transport (REST and gRPC adapters call it):
 * predictions and feedback through the traffic split, shadows and graph; metadata; Open Inference v2
 * calls routed to the node that serves the named model. Failures are {@link GatewayException}s or
 * {@link ComponentException}s carrying an HTTP status.
 */
final class DeploymentService {

    private final Vertx vertx;
    private final DeploymentRegistry registry;
    private final GraphExecutor executor;
    private final ComponentClient client;

    DeploymentService(Vertx vertx, DeploymentRegistry registry, GraphExecutor executor, ComponentClient client) {
        this.vertx = vertx;
        this.registry = registry;
        this.executor = executor;
        this.client = client;
    }

    DeploymentRegistry.Active active(GatewayCall call) {
        return registry.active(call.namespace, call.deployment)
                .orElseThrow(() -> GatewayException.notFound(
                        "no deployment '" + call.deployment + "' in namespace '" + call.namespace + "'"));
    }

    /** The deployment the call names, or null when there is none (or it names none). */
    DeploymentRegistry.@Nullable Active find(GatewayCall call) {
        return call.deployment.isEmpty()
                ? null
                : registry.active(call.namespace, call.deployment).orElse(null);
    }

    static PredictorRoute choose(DeploymentRegistry.Active active) {
        final PredictorRoute p = active.splitter().next();
        if (p == null) {
            throw GatewayException.unavailable(
                    "deployment " + active.route().name() + " has no predictor taking traffic");
        }
        return p;
    }

    /** A one-node MODEL graph: the request goes to the model as received (its server validates it). */
    static boolean direct(GraphRoute graph) {
        return graph.children().isEmpty()
                && graph.steps().contains(Step.PREDICT)
                && !graph.steps().contains(Step.TRANSFORM_OUTPUT);
    }

    /** A prediction: the answer with puid, tags, routing and requestPath, or a failure (504 after the timeout). */
    Future<ObjectNode> predict(GatewayCall call, Buffer raw) {
        return answer(call, raw).map(Answer::tree);
    }

    /**
     * A prediction as an {@link Answer}: a one-node graph's request goes to the node as received and a Slipway model
     * server's answer comes back as its bytes (the gRPC adapter reads them straight into protobuf); anything else
     * goes through the graph and is finished as a tree.
     */
    Future<Answer> answer(GatewayCall call, Buffer raw) {
        final DeploymentRegistry.Active active = active(call);
        return answer(call, active, choose(active), raw);
    }

    /**
     * A Seldon prediction over gRPC, answered with the bytes of a {@code SeldonMessage}. A one-node graph whose node
     * is a Slipway model server (its replies said so), with no request logging and no shadows, gets the message as
     * received: it goes unparsed to the node's own {@code seldon.protos.Model/Predict} as gRPC-Web over the
     * gateway's HTTP/1.1 connections (its socket when it has one), and the node's answer comes back as bytes, to
     * which only its {@code requestPath} entry is appended. Anything else goes as {@link #answer} does, with the
     * message as JSON.
     *
     * @param json the message as the JSON a REST caller would send (a malformed message fails INVALID_ARGUMENT)
     * @param proto the answer as a SeldonMessage's bytes
     */
    Future<Buffer> predictGrpc(
            GatewayCall call,
            DeploymentRegistry.Active active,
            Buffer message,
            java.util.function.Function<Buffer, Buffer> json,
            java.util.function.Function<Answer, Buffer> proto) {
        final PredictorRoute predictor = choose(active);
        final GraphRoute root = predictor.graph();
        if (!direct(root) || root.logger() != null || !active.shadows().isEmpty()) {
            return answer(call, active, predictor, json.apply(message)).map(proto);
        }
        if (!root.pool().speaksGrpcWeb()) {
            return answer(call, active, predictor, json.apply(message)).map(answer -> {
                if (answer.reply() != null) {
                    root.pool().speaksGrpcWeb(true); // a Slipway model server: its gRPC service takes the next ones
                }
                return proto.apply(answer);
            });
        }
        call.servedBy(predictor);
        final CallContext ctx = new CallContext(active.route(), predictor);
        final Future<Buffer> result = executor.forwardGrpcWeb(root, "/seldon.protos.Model/Predict", message, ctx)
                .compose(reply -> {
                    if (reply.status() != 200
                            || reply.contentType() == null
                            || !reply.contentType().startsWith(GrpcWeb.CONTENT_TYPE)) {
                        root.pool().speaksGrpcWeb(false); // not (or no longer) a Slipway server: as JSON from now on
                        return answer(call, active, predictor, json.apply(message))
                                .map(proto);
                    }
                    final GrpcWeb.Answer answer = GrpcWeb.read(reply.body());
                    if (answer.message() == null) {
                        return Future.failedFuture(new GrpcErrors.GrpcFailure(
                                answer.status(), answer.error() == null ? "node " + root.name() : answer.error()));
                    }
                    return Future.succeededFuture(RequestPaths.append(answer.message(), root));
                });
        // no timer of its own, as the REST fast path: the client's timeout bounds the one forward (a timeout is
        // never retried, a refused connection at once)
        return result;
    }

    private Future<Answer> answer(
            GatewayCall call, DeploymentRegistry.Active active, PredictorRoute predictor, Buffer raw) {
        call.servedBy(predictor);
        final CallContext ctx = new CallContext(active.route(), predictor);
        final GraphRoute root = predictor.graph();
        final Future<Answer> result;
        if (direct(root)) {
            // as received; a logged node's events carry the puid the node answers with (GraphExecutor#send)
            for (final PredictorRoute shadow : active.shadows()) {
                shadow(active, shadow, raw.getBytes());
            }
            result = executor.send(root, Step.PREDICT, raw, ctx).compose(reply -> {
                if (reply.status() == 200 && reply.fromSlipway()) {
                    return Future.succeededFuture(Answer.reply(reply.body(), root, ctx));
                }
                return executor.interpret(root, Step.PREDICT, reply, ctx)
                        .map(answer -> Answer.tree(finish(answer, ctx, null, null), root, ctx));
            });
        } else {
            final ObjectNode request = SeldonJson.parseRequest(raw.getBytes());
            final ObjectNode meta = request.get("meta") instanceof ObjectNode m ? m : request.putObject("meta");
            final String requestPuid =
                    meta.path("puid").isTextual() && !meta.path("puid").asText().isEmpty()
                            ? meta.get("puid").asText()
                            : Puid.next();
            meta.put("puid", requestPuid);
            ctx.puid = requestPuid;
            final JsonNode requestTags = meta.get("tags");
            for (final PredictorRoute shadow : active.shadows()) {
                executor.predict(shadow.graph(), request.deepCopy(), new CallContext(active.route(), shadow))
                        .onComplete(ignored -> {});
            }
            result = executor.predict(root, request, ctx)
                    .map(answer -> Answer.tree(finish(answer, ctx, requestPuid, requestTags), root, ctx));
        }
        return withTimeout(result, ctx.timeoutMillis);
    }

    private <T> Future<T> withTimeout(Future<T> result, long timeoutMillis) {
        final Promise<T> promise = Promise.promise();
        final long timer = vertx.setTimer(
                timeoutMillis,
                t -> promise.tryFail(GatewayException.timeout("no answer within " + timeoutMillis + " ms")));
        result.onComplete(done -> {
            vertx.cancelTimer(timer);
            if (done.succeeded()) {
                promise.tryComplete(done.result());
            } else {
                promise.tryFail(done.cause());
            }
        });
        return promise.future();
    }

    void shadow(DeploymentRegistry.Active active, PredictorRoute shadow, byte[] raw) {
        final CallContext ctx = new CallContext(active.route(), shadow);
        if (direct(shadow.graph())) {
            executor.callRaw(shadow.graph(), Step.PREDICT, Buffer.buffer(raw), ctx)
                    .onComplete(ignored -> {});
            return;
        }
        final ObjectNode request = SeldonJson.parseReply(raw);
        if (request != null) {
            executor.predict(shadow.graph(), request, ctx).onComplete(ignored -> {});
        }
    }

    /** The caller's answer: schema fields only, with puid, echoed and collected tags, routing, requestPath. */
    static ObjectNode finish(ObjectNode result, CallContext ctx, String requestPuid, JsonNode requestTags) {
        final ObjectNode answer = SeldonJson.sanitize(result);
        final ObjectNode outMeta = answer.get("meta") instanceof ObjectNode m ? m : answer.putObject("meta");
        if (requestPuid != null) {
            outMeta.put("puid", requestPuid);
        } else if (!outMeta.path("puid").isTextual()
                || outMeta.path("puid").asText().isEmpty()) {
            outMeta.put("puid", ctx.puid != null ? ctx.puid : Puid.next()); // a logged node's events carry ctx.puid
        }
        final ObjectNode tags = SeldonJson.NODES.objectNode();
        if (requestTags != null && requestTags.isObject()) {
            tags.setAll((ObjectNode) requestTags);
        }
        ctx.tags.forEach(tags::set);
        if (!tags.isEmpty()) {
            outMeta.set("tags", tags);
        }
        if (!ctx.routing.isEmpty()) {
            final ObjectNode routing = outMeta.putObject("routing");
            ctx.routing.forEach(routing::put);
        }
        final ObjectNode path = outMeta.putObject("requestPath");
        ctx.requestPath.forEach(path::put);
        if (!ctx.metrics.isEmpty()) {
            outMeta.set("metrics", ctx.metrics);
        }
        return answer;
    }

    /** Feedback, sent through the graph of the predictor that served the request (never retried). */
    Future<ObjectNode> feedback(GatewayCall call, byte[] body) {
        final DeploymentRegistry.Active active = active(call);
        final ObjectNode feedback = SeldonJson.parseRequest(body);
        final PredictorRoute predictor = servedBy(active, feedback);
        call.servedBy(predictor);
        final CallContext ctx = new CallContext(active.route(), predictor);
        ctx.puid = feedbackPuid(feedback);
        executor.logFeedback(predictor.graph(), feedback, ctx);
        return executor.feedback(predictor.graph(), feedback, ctx)
                .map(result -> result == null ? emptyAnswer() : SeldonJson.sanitize(result));
    }

    /** The puid of the prediction a feedback is for: its response's, else its request's (null: none given). */
    static String feedbackPuid(ObjectNode feedback) {
        for (final String part : new String[] {"response", "request"}) {
            final JsonNode puid = feedback.path(part).path("meta").path("puid");
            if (puid.isTextual() && !puid.asText().isEmpty()) {
                return puid.asText();
            }
        }
        return null;
    }

    /** The predictor whose nodes the feedback's response names in its requestPath, else the traffic split's. */
    private static PredictorRoute servedBy(DeploymentRegistry.Active active, ObjectNode feedback) {
        final JsonNode path = feedback.path("response").path("meta").path("requestPath");
        if (path.isObject() && path.size() > 0) {
            for (final PredictorRoute p : active.route().predictors()) {
                if (!p.shadow() && matches(p.graph(), path)) {
                    return p;
                }
            }
        }
        return choose(active);
    }

    private static boolean matches(GraphRoute node, JsonNode requestPath) {
        final List<String> names = new ArrayList<>();
        flatten(node).forEach(n -> names.add(n.name()));
        final List<String> seen = new ArrayList<>();
        requestPath.fieldNames().forEachRemaining(seen::add);
        return names.containsAll(seen);
    }

    private static ObjectNode emptyAnswer() {
        final ObjectNode answer = SeldonJson.NODES.objectNode();
        answer.putObject("data").putArray("ndarray");
        answer.putObject("meta");
        return answer;
    }

    /** Seldon metadata of one node ({@code model}) or of the graph of the predictor with the most traffic. */
    Future<JsonNode> metadata(GatewayCall call, String model) {
        final DeploymentRegistry.Active active = active(call);
        final PredictorRoute predictor = active.route().predictors().stream()
                .filter(p -> !p.shadow())
                .max((a, b) -> Integer.compare(a.traffic(), b.traffic()))
                .orElseThrow();
        call.servedBy(predictor);
        final List<GraphRoute> nodes = flatten(predictor.graph());
        final long timeout = active.route().timeout().toMillis();
        if (model != null) {
            final GraphRoute node = nodes.stream()
                    .filter(n -> n.name().equals(model))
                    .findFirst()
                    .orElseThrow(() -> new GatewayException(
                            404, "MODEL_NOT_FOUND", "no model '" + model + "' in predictor " + predictor.name()));
            return nodeMetadata(node, timeout);
        }
        final List<Future<JsonNode>> all = new ArrayList<>();
        nodes.forEach(n -> all.add(nodeMetadata(n, timeout)));
        return Future.all(all).map(r -> {
            final ObjectNode answer = SeldonJson.NODES.objectNode();
            answer.put("name", predictor.name());
            final ObjectNode models = answer.putObject("models");
            for (int i = 0; i < nodes.size(); i++) {
                models.set(nodes.get(i).name(), all.get(i).result());
            }
            answer.set("graphinputs", all.get(0).result().path("inputs"));
            answer.set("graphoutputs", all.get(0).result().path("outputs"));
            return answer;
        });
    }

    private Future<JsonNode> nodeMetadata(GraphRoute node, long timeout) {
        return client.send(node.pool(), HttpMethod.GET, "/api/v1.0/metadata", null, null, timeout)
                .map(r -> {
                    final ObjectNode parsed = SeldonJson.parseReply(r.body().getBytes());
                    if (r.status() != 200 || parsed == null) {
                        throw new GatewayException(
                                502,
                                "MICROSERVICE_BAD_RESPONSE",
                                "node " + node.name() + " answered " + r.status() + " to /api/v1.0/metadata");
                    }
                    return parsed;
                });
    }

    static List<GraphRoute> flatten(GraphRoute root) {
        final List<GraphRoute> into = new ArrayList<>();
        final java.util.ArrayDeque<GraphRoute> todo = new java.util.ArrayDeque<>(List.of(root));
        while (!todo.isEmpty()) {
            final GraphRoute n = todo.removeFirst();
            into.add(n);
            for (int i = n.children().size() - 1; i >= 0; i--) {
                todo.addFirst(n.children().get(i));
            }
        }
        return into;
    }

    /**
     * An Open Inference v2 call ({@code path} from {@code /v2/}) sent to the node serving the model it names:
     * the traffic split chooses among the predictors that have a node of that name (predictors of a canary may
     * name their nodes differently); a path without a model goes to the chosen predictor's root node.
     */
    Future<ComponentClient.Reply> v2(
            GatewayCall call, HttpMethod method, String path, String contentType, Buffer body) {
        final DeploymentRegistry.Active active = active(call);
        final String model = modelOf(path);
        final GraphRoute node = v2Node(call, active, model);
        final MultiMap headers = MultiMap.caseInsensitiveMultiMap();
        if (contentType != null) {
            headers.add("Content-Type", contentType);
        }
        return client.send(
                node.pool(),
                method,
                path,
                headers,
                method == HttpMethod.GET ? null : body,
                active.route().timeout().toMillis());
    }

    /** The node for an OIP call naming {@code model} (null: the root of the split's choice). */
    GraphRoute v2Node(GatewayCall call, DeploymentRegistry.Active active, String model) {
        final PredictorRoute chosen = choose(active);
        if (model == null) {
            call.servedBy(chosen);
            return chosen.graph();
        }
        GraphRoute node = named(chosen, model);
        PredictorRoute predictor = chosen;
        if (node == null) {
            // the split chose a predictor without that model: ask the split again, among those that have it
            final List<PredictorRoute> having = active.route().predictors().stream()
                    .filter(p -> !p.shadow() && named(p, model) != null)
                    .toList();
            if (having.isEmpty()) {
                final List<String> models = new ArrayList<>();
                active.route().predictors().stream()
                        .filter(p -> !p.shadow())
                        .forEach(p -> flatten(p.graph()).forEach(n -> models.add(n.name())));
                throw new GatewayException(
                        404,
                        "MODEL_NOT_FOUND",
                        "no model '" + model + "' in deployment "
                                + active.route().name() + " (models: " + String.join(", ", models) + ")");
            }
            predictor = having.size() == 1 ? having.get(0) : pick(active, having);
            node = named(predictor, model);
        }
        call.servedBy(predictor);
        return node;
    }

    private static PredictorRoute pick(DeploymentRegistry.Active active, List<PredictorRoute> having) {
        for (int i = 0; i < 100; i++) {
            final PredictorRoute p = choose(active);
            if (having.contains(p)) {
                return p;
            }
        }
        return having.get(0);
    }

    private static GraphRoute named(PredictorRoute p, String model) {
        for (final GraphRoute n : flatten(p.graph())) {
            if (n.name().equals(model)) {
                return n;
            }
        }
        return null;
    }

    /** The model a {@code /v2/models/{name}…} path names, or null. */
    static String modelOf(String path) {
        final String prefix = "/v2/models/";
        if (!path.startsWith(prefix)) {
            return null;
        }
        final String rest = path.substring(prefix.length());
        final int end = indexOfAny(rest);
        final String name = end < 0 ? rest : rest.substring(0, end);
        if (name.isEmpty()) {
            return null;
        }
        try {
            return java.net.URLDecoder.decode(name.replace("+", "%2B"), java.nio.charset.StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return name; // a malformed escape: the raw text, which then names no model
        }
    }

    private static int indexOfAny(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) == '/' || s.charAt(i) == '?') {
                return i;
            }
        }
        return -1;
    }
}
