package dev.slipway.serving.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.protobuf.Empty;
import dev.slipway.protocol.grpc.SeldonProtoJson;
import dev.slipway.protocol.grpc.V2Protos;
import dev.slipway.protocol.grpc.inference.ModelInferRequest;
import dev.slipway.protocol.grpc.inference.ModelMetadataRequest;
import dev.slipway.protocol.grpc.inference.ModelMetadataResponse;
import dev.slipway.protocol.grpc.inference.ModelReadyRequest;
import dev.slipway.protocol.grpc.inference.ModelReadyResponse;
import dev.slipway.protocol.grpc.inference.ServerReadyRequest;
import dev.slipway.protocol.grpc.inference.ServerReadyResponse;
import dev.slipway.protocol.grpc.seldon.Feedback;
import dev.slipway.protocol.grpc.seldon.SeldonGraphMetadata;
import dev.slipway.protocol.grpc.seldon.SeldonMessage;
import dev.slipway.protocol.grpc.seldon.SeldonModelMetadata;
import dev.slipway.protocol.grpc.seldon.SeldonModelMetadataRequest;
import dev.slipway.protocol.v2.V2Codec;
import dev.slipway.serving.grpc.GrpcErrors;
import dev.slipway.serving.grpc.ModelGrpc;
import dev.slipway.serving.grpc.Unary;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.grpc.common.GrpcStatus;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.function.Supplier;

/**
 * The gateway's gRPC adapter, routed as Ambassador routes Seldon's clients: the metadata {@code seldon}
 * names the deployment and {@code namespace} its namespace. {@code seldon.protos.Seldon} goes through the
 * same traffic split, shadows and graph as REST (the message is the JSON a REST caller would send);
 * {@code inference.GRPCInferenceService} goes to the node serving the named model, like REST v2.
 */
final class GrpcGateway {

    private static final String SELDON = "seldon.protos.Seldon";
    private static final String OIP = "inference.GRPCInferenceService";

    private final DeploymentService service;
    private final GatewayMetrics metrics;

    private GrpcGateway(DeploymentService service, GatewayMetrics metrics) {
        this.service = service;
        this.metrics = metrics;
    }

    static Unary server(DeploymentService service, GatewayMetrics metrics, long maxMessageBytes) {
        final Unary unary = new Unary(maxMessageBytes, (m, s, n) -> {});
        new GrpcGateway(service, metrics).register(unary);
        return unary;
    }

    private static GatewayCall call(MultiMap metadata, String service) {
        return new GatewayCall(metadata.get("namespace"), metadata.get("seldon"), service, "GRPC");
    }

    private void register(Unary unary) {
        unary.addRaw(SELDON, "Predict", "predictions", (bytes, h) -> {
            final GatewayCall call = call(h, "predictions");
            final DeploymentRegistry.Active active = service.find(call);
            if (active == null) { // a malformed message is INVALID_ARGUMENT before anything else, as always
                Unary.parse(SeldonMessage.parser(), bytes, "predictions");
            }
            return recorded(
                    call,
                    () -> service.predictGrpc(
                            call,
                            active != null ? active : service.active(call),
                            bytes,
                            m -> Buffer.buffer(
                                    SeldonProtoJson.toJson(Unary.parse(SeldonMessage.parser(), m, "predictions"))),
                            GrpcGateway::message));
        });
        unary.add(SELDON, "SendFeedback", Feedback.getDefaultInstance(), "feedback", (r, h) -> {
            final GatewayCall call = call(h, "feedback");
            return recorded(
                    call,
                    () -> service.feedback(call, SeldonProtoJson.toJson(r)).map(SeldonProtoJson::message));
        });
        unary.add(SELDON, "ModelMetadata", SeldonModelMetadataRequest.getDefaultInstance(), "metadata", (r, h) -> {
            final GatewayCall call = call(h, "metadata");
            return recorded(
                    call,
                    () -> service.metadata(call, r.getName().isEmpty() ? null : r.getName())
                            .map(m -> (SeldonModelMetadata) SeldonProtoJson.merge(
                                    SeldonJson.bytes(m.has("models") ? first(m) : m),
                                    SeldonModelMetadata.newBuilder(),
                                    "SeldonModelMetadata")));
        });
        unary.add(SELDON, "GraphMetadata", Empty.getDefaultInstance(), "metadata", (r, h) -> {
            final GatewayCall call = call(h, "metadata");
            return recorded(
                    call,
                    () -> service.metadata(call, null).map(m -> {
                        final ObjectNode graph = ((ObjectNode) m).deepCopy();
                        graph.set("inputs", graph.remove("graphinputs"));
                        graph.set("outputs", graph.remove("graphoutputs"));
                        return (SeldonGraphMetadata) SeldonProtoJson.merge(
                                SeldonJson.bytes(graph), SeldonGraphMetadata.newBuilder(), "SeldonGraphMetadata");
                    }));
        });
        registerV2(unary);
    }

    /** The answer as protobuf: a node's JSON read straight into it (plus its requestPath entry), or the tree. */
    private static Buffer message(Answer answer) {
        final Buffer reply = answer.reply();
        if (reply == null) {
            return Unary.bytes(SeldonProtoJson.message(answer.tree()));
        }
        return RequestPaths.append(Unary.bytes(SeldonProtoJson.message(reply.getBytes())), answer.node());
    }

    private static JsonNode first(JsonNode graph) {
        return graph.path("models").elements().next();
    }

    private void registerV2(Unary unary) {
        ModelGrpc.registerServer(unary, "slipway-gateway", dev.slipway.serving.ModelServer.VERSION);
        unary.add(
                OIP,
                "ServerReady",
                ServerReadyRequest.getDefaultInstance(),
                "ready",
                (r, h) -> ready(h, "ready", "/v2/health/ready")
                        .map(ready ->
                                ServerReadyResponse.newBuilder().setReady(ready).build()));
        unary.add(
                OIP,
                "ModelReady",
                ModelReadyRequest.getDefaultInstance(),
                "model_ready",
                (r, h) -> ready(h, "model_ready", modelPath(r.getName(), r.getVersion()) + "/ready")
                        .map(ready ->
                                ModelReadyResponse.newBuilder().setReady(ready).build()));
        unary.add(OIP, "ModelMetadata", ModelMetadataRequest.getDefaultInstance(), "model_metadata", (r, h) -> {
            final GatewayCall call = call(h, "model_metadata");
            return recorded(
                    call,
                    () -> service.v2(call, HttpMethod.GET, modelPath(r.getName(), r.getVersion()), null, null)
                            .map(reply -> (ModelMetadataResponse) SeldonProtoJson.merge(
                                    ok(reply), ModelMetadataResponse.newBuilder(), "ModelMetadataResponse")));
        });
        unary.add(OIP, "ModelInfer", ModelInferRequest.getDefaultInstance(), "infer", (r, h) -> {
            final GatewayCall call = call(h, "infer");
            final boolean raw = r.getRawInputContentsCount() > 0;
            return recorded(call, () -> {
                final byte[] body = V2Codec.writeRequest(V2Protos.request(r));
                return service.v2(
                                call,
                                HttpMethod.POST,
                                modelPath(r.getModelName(), r.getModelVersion()) + "/infer",
                                "application/json",
                                Buffer.buffer(body))
                        .map(reply -> V2Protos.response(V2Codec.readResponse(ok(reply)), raw));
            });
        });
    }

    /** Whether the chosen predictor's node answers 200 to {@code GET path}. */
    private Future<Boolean> ready(MultiMap metadata, String metricsName, String path) {
        final GatewayCall call = call(metadata, metricsName);
        return recorded(
                call, () -> service.v2(call, HttpMethod.GET, path, null, null).map(reply -> reply.status() == 200));
    }

    private static String modelPath(String name, String version) {
        if (name.isEmpty()) {
            throw new GrpcErrors.GrpcFailure(GrpcStatus.INVALID_ARGUMENT, "name the model (model_name or name)");
        }
        final String path =
                "/v2/models/" + URLEncoder.encode(name, StandardCharsets.UTF_8).replace("+", "%20");
        return version.isEmpty() ? path : path + "/versions/" + URLEncoder.encode(version, StandardCharsets.UTF_8);
    }

    /** The body of a 200 answer; anything else fails with the node's status and its {@code error} text. */
    private static byte[] ok(ComponentClient.Reply reply) {
        final byte[] body = reply.body().getBytes();
        if (reply.status() == 200) {
            return body;
        }
        final ObjectNode parsed = SeldonJson.parseReply(body);
        final String error = parsed != null && parsed.path("error").isTextual()
                ? parsed.get("error").asText()
                : parsed != null && parsed.path("status").path("info").isTextual()
                        ? parsed.path("status").path("info").asText()
                        : new String(body, StandardCharsets.UTF_8);
        throw new GrpcErrors.GrpcFailure(GrpcErrors.fromHttp(reply.status()), error);
    }

    /** Runs {@code work}, turns its failure into a gRPC status and records the call in the gateway's metrics. */
    private <T> Future<T> recorded(GatewayCall call, Supplier<Future<T>> work) {
        if (call.deployment.isEmpty()) {
            return Future.failedFuture(new GrpcErrors.GrpcFailure(
                    GrpcStatus.NOT_FOUND,
                    "name the deployment in the gRPC metadata 'seldon' (and its namespace in 'namespace')"));
        }
        Future<T> result;
        try {
            result = work.get();
        } catch (RuntimeException e) {
            result = Future.failedFuture(e);
        }
        return result.transform(done -> {
            if (done.succeeded()) {
                metrics.server(call, GrpcStatus.OK.code);
                return Future.succeededFuture(done.result());
            }
            final Throwable failure = grpc(done.cause());
            metrics.server(call, GrpcErrors.status(failure).code);
            return Future.failedFuture(failure);
        });
    }

    private static Throwable grpc(Throwable cause) {
        if (cause instanceof GatewayException || cause instanceof ComponentException) {
            final HttpGateway.Failure f = HttpGateway.Failure.of(cause);
            return new GrpcErrors.GrpcFailure(GrpcErrors.fromHttp(f.status()), f.info());
        }
        return cause;
    }
}
