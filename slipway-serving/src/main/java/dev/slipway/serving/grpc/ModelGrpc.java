package dev.slipway.serving.grpc;

import com.google.protobuf.Empty;
import dev.slipway.protocol.grpc.SeldonProtoJson;
import dev.slipway.protocol.grpc.SeldonProtos;
import dev.slipway.protocol.grpc.SeldonWire;
import dev.slipway.protocol.grpc.V2Protos;
import dev.slipway.protocol.grpc.inference.ModelInferRequest;
import dev.slipway.protocol.grpc.inference.ModelMetadataRequest;
import dev.slipway.protocol.grpc.inference.ModelMetadataResponse;
import dev.slipway.protocol.grpc.inference.ModelReadyRequest;
import dev.slipway.protocol.grpc.inference.ModelReadyResponse;
import dev.slipway.protocol.grpc.inference.ServerLiveRequest;
import dev.slipway.protocol.grpc.inference.ServerLiveResponse;
import dev.slipway.protocol.grpc.inference.ServerMetadataRequest;
import dev.slipway.protocol.grpc.inference.ServerMetadataResponse;
import dev.slipway.protocol.grpc.inference.ServerReadyRequest;
import dev.slipway.protocol.grpc.inference.ServerReadyResponse;
import dev.slipway.protocol.grpc.seldon.Feedback;
import dev.slipway.protocol.grpc.seldon.SeldonGraphMetadata;
import dev.slipway.protocol.grpc.seldon.SeldonMessage;
import dev.slipway.protocol.grpc.seldon.SeldonMessageList;
import dev.slipway.protocol.grpc.seldon.SeldonModelMetadata;
import dev.slipway.protocol.grpc.seldon.SeldonModelMetadataRequest;
import dev.slipway.protocol.v1.SeldonMessageReader;
import dev.slipway.protocol.v1.SeldonMessageWriter;
import dev.slipway.protocol.v2.V2Codec;
import dev.slipway.serving.handler.DataPlane;
import dev.slipway.serving.http.V1Endpoints;
import dev.slipway.serving.metrics.ServingMetrics;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.grpc.common.GrpcStatus;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The model server's gRPC services over its data plane, as Seldon's Python wrapper offers them:
 * {@code seldon.protos.Model}, {@code Generic}, {@code Transformer}, {@code OutputTransformer},
 * {@code Router}, {@code Combiner} and {@code Seldon}, plus the Open Inference Protocol's
 * {@code inference.GRPCInferenceService}. A Seldon message is handled exactly as its JSON would be over
 * REST: the common ones are converted straight between protobuf and tensors ({@link SeldonProtos}), the rest through
 * their JSON form; model calls run on worker threads, bounded by the request timeout.
 */
public final class ModelGrpc {

    private static final String SELDON = "seldon.protos.";
    private static final String OIP = "inference.GRPCInferenceService";

    private final Vertx vertx;
    private final DataPlane plane;
    private final long timeoutMillis;
    private final boolean onEventLoop;

    private ModelGrpc(Vertx vertx, DataPlane plane, long timeoutMillis, boolean onEventLoop) {
        this.vertx = vertx;
        this.plane = plane;
        this.timeoutMillis = timeoutMillis;
        this.onEventLoop = onEventLoop;
    }

    /** A gRPC server (a handler for the HTTP requests {@link Unary#accepts}) serving {@code plane}. */
    public static Unary server(
            Vertx vertx,
            DataPlane plane,
            ServingMetrics metrics,
            long maxMessageBytes,
            long timeoutMillis,
            boolean onEventLoop,
            String version) {
        Unary unary = new Unary(
                maxMessageBytes, (method, status, nanos) -> metrics.request(method, "GRPC", status.code, nanos));
        new ModelGrpc(vertx, plane, timeoutMillis, onEventLoop).register(unary, version);
        return unary;
    }

    private void register(Unary unary, String version) {
        SeldonMessage m = SeldonMessage.getDefaultInstance();
        for (String service : List.of("Model", "Seldon")) {
            seldon(unary, SELDON + service, "Predict", m, "predictions", r -> plane.predict(read(r)));
            seldon(unary, SELDON + service, "SendFeedback", Feedback.getDefaultInstance(), "feedback", this::feedback);
        }
        unary.add(
                SELDON + "Model",
                "Metadata",
                Empty.getDefaultInstance(),
                "metadata",
                (r, h) -> Future.succeededFuture(metadata()));
        unary.add(
                SELDON + "Seldon",
                "ModelMetadata",
                SeldonModelMetadataRequest.getDefaultInstance(),
                "metadata",
                (r, h) -> Future.succeededFuture(metadata()));
        unary.add(
                SELDON + "Seldon",
                "GraphMetadata",
                Empty.getDefaultInstance(),
                "metadata",
                (r, h) -> Future.succeededFuture(graphMetadata()));
        message(unary, "Transformer", "TransformInput", "transform-input", plane::transformInput);
        message(unary, "OutputTransformer", "TransformOutput", "transform-output", plane::transformOutput);
        message(unary, "Router", "Route", "route", plane::route);
        for (String service : List.of("Generic", "Router")) {
            seldon(
                    unary,
                    SELDON + service,
                    "SendFeedback",
                    Feedback.getDefaultInstance(),
                    "send-feedback",
                    this::feedback);
        }
        for (String service : List.of("Generic", "Combiner")) {
            seldon(
                    unary,
                    SELDON + service,
                    "Aggregate",
                    SeldonMessageList.getDefaultInstance(),
                    "aggregate",
                    r -> plane.aggregate(SeldonMessageReader.readList(SeldonProtoJson.toJson(r))));
        }
        registerV2(unary, version);
    }

    /**
     * Serves {@code service/method}: the request parsed as {@code prototype}'s type (malformed: INVALID_ARGUMENT), the
     * work run off the event loop, its answer written straight as a {@code SeldonMessage}'s bytes ({@link #answer}).
     */
    private <Req extends com.google.protobuf.Message> void seldon(
            Unary unary,
            String service,
            String method,
            Req prototype,
            String metricsName,
            java.util.function.Function<Req, dev.slipway.protocol.v1.SeldonMessage> work) {
        @SuppressWarnings("unchecked")
        final com.google.protobuf.Parser<Req> parser = (com.google.protobuf.Parser<Req>) prototype.getParserForType();
        unary.addRaw(service, method, metricsName, (bytes, h) -> {
            final Req request = Unary.parse(parser, bytes, metricsName);
            return blocking(() -> answer(work.apply(request)));
        });
    }

    /** A method taking and answering one SeldonMessage, on {@code service} and on {@code Generic}. */
    private void message(
            Unary unary,
            String service,
            String method,
            String metricsName,
            java.util.function.Function<dev.slipway.protocol.v1.SeldonMessage, dev.slipway.protocol.v1.SeldonMessage>
                    work) {
        for (String s : List.of("Generic", service)) {
            seldon(
                    unary,
                    SELDON + s,
                    method,
                    SeldonMessage.getDefaultInstance(),
                    metricsName,
                    r -> work.apply(read(r)));
        }
    }

    /** OIP's {@code ServerLive} (always live) and {@code ServerMetadata} ({@code name}, {@code version}). */
    public static void registerServer(Unary unary, String name, String version) {
        unary.add(
                OIP,
                "ServerLive",
                ServerLiveRequest.getDefaultInstance(),
                "live",
                (r, h) -> Future.succeededFuture(
                        ServerLiveResponse.newBuilder().setLive(true).build()));
        unary.add(
                OIP,
                "ServerMetadata",
                ServerMetadataRequest.getDefaultInstance(),
                "server_metadata",
                (r, h) -> Future.succeededFuture(ServerMetadataResponse.newBuilder()
                        .setName(name)
                        .setVersion(version)
                        .build()));
    }

    private void registerV2(Unary unary, String version) {
        registerServer(unary, "slipway", version);
        unary.add(
                OIP,
                "ServerReady",
                ServerReadyRequest.getDefaultInstance(),
                "ready",
                (r, h) -> Future.succeededFuture(
                        ServerReadyResponse.newBuilder().setReady(plane.ready()).build()));
        unary.add(OIP, "ModelReady", ModelReadyRequest.getDefaultInstance(), "model_ready", (r, h) -> {
            check(r.getName(), r.getVersion());
            return Future.succeededFuture(
                    ModelReadyResponse.newBuilder().setReady(plane.ready()).build());
        });
        unary.add(OIP, "ModelMetadata", ModelMetadataRequest.getDefaultInstance(), "model_metadata", (r, h) -> {
            check(r.getName(), r.getVersion());
            return Future.succeededFuture((ModelMetadataResponse) SeldonProtoJson.merge(
                    V2Codec.writeModelMetadata(plane.modelName(), plane.metadata()),
                    ModelMetadataResponse.newBuilder(),
                    "ModelMetadataResponse"));
        });
        unary.add(OIP, "ModelInfer", ModelInferRequest.getDefaultInstance(), "infer", (r, h) -> {
            check(r.getModelName(), r.getModelVersion());
            boolean raw = r.getRawInputContentsCount() > 0;
            return blocking(() -> V2Protos.response(plane.infer(V2Protos.request(r)), raw));
        });
    }

    private void check(String name, String version) {
        if (!plane.modelName().equals(name)) {
            throw new GrpcErrors.GrpcFailure(
                    GrpcStatus.NOT_FOUND,
                    "model '" + name + "' not found (this server serves '" + plane.modelName() + "')");
        }
        List<String> versions = plane.metadata().versions();
        if (!version.isEmpty() && !versions.isEmpty() && !versions.contains(version)) {
            throw new GrpcErrors.GrpcFailure(
                    GrpcStatus.NOT_FOUND,
                    "model '" + name + "' has no version '" + version + "' (versions: " + versions + ")");
        }
    }

    /** The data plane's message: straight from protobuf ({@link SeldonProtos}), or through its JSON form. */
    private static dev.slipway.protocol.v1.SeldonMessage read(SeldonMessage request) {
        final dev.slipway.protocol.v1.SeldonMessage direct = SeldonProtos.read(request);
        return direct != null ? direct : SeldonMessageReader.readMessage(SeldonProtoJson.toJson(request));
    }

    private dev.slipway.protocol.v1.SeldonMessage feedback(Feedback request) {
        return plane.sendFeedback(SeldonMessageReader.readFeedback(SeldonProtoJson.toJson(request)));
    }

    /** The answer's bytes: straight in the wire format ({@link SeldonWire}), or through its JSON form. */
    private static io.vertx.core.buffer.Buffer answer(dev.slipway.protocol.v1.SeldonMessage answer) {
        final byte[] direct = SeldonWire.write(answer);
        return io.vertx.core.buffer.Buffer.buffer(
                direct != null
                        ? direct
                        : SeldonProtoJson.message(SeldonMessageWriter.write(answer))
                                .toByteArray());
    }

    private SeldonModelMetadata metadata() {
        return (SeldonModelMetadata) SeldonProtoJson.merge(
                V1Endpoints.metadata(plane), SeldonModelMetadata.newBuilder(), "SeldonModelMetadata");
    }

    private SeldonGraphMetadata graphMetadata() {
        SeldonModelMetadata model = metadata();
        return SeldonGraphMetadata.newBuilder()
                .setName(plane.modelName())
                .putModels(plane.modelName(), model)
                .addAllInputs(model.getInputsList())
                .addAllOutputs(model.getOutputsList())
                .build();
    }

    /** Runs a model call off the event loop, failing with DEADLINE_EXCEEDED after the request timeout. */
    private <T> Future<T> blocking(Callable<T> work) {
        if (onEventLoop) {
            try {
                return Future.succeededFuture(work.call());
            } catch (Exception e) {
                return Future.failedFuture(e);
            }
        }
        io.vertx.core.Promise<T> promise = io.vertx.core.Promise.promise();
        AtomicBoolean done = new AtomicBoolean();
        long timer = vertx.setTimer(timeoutMillis, id -> {
            if (done.compareAndSet(false, true)) {
                promise.fail(new GrpcErrors.GrpcFailure(
                        GrpcStatus.DEADLINE_EXCEEDED,
                        "the model did not answer within " + timeoutMillis + " ms (see --request-timeout)"));
            }
        });
        vertx.executeBlocking(work, false).onComplete(ar -> {
            if (done.compareAndSet(false, true)) {
                vertx.cancelTimer(timer);
                promise.handle(ar);
            }
        });
        return promise.future();
    }
}
