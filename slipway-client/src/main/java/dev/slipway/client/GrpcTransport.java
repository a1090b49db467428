package dev.slipway.client;

import com.google.protobuf.Message;
import dev.slipway.protocol.ProtocolException;
import dev.slipway.protocol.grpc.SeldonProtoJson;
import dev.slipway.protocol.grpc.V2Protos;
import dev.slipway.protocol.grpc.inference.ModelInferResponse;
import dev.slipway.protocol.v1.SeldonMessage;
import dev.slipway.protocol.v1.SeldonMessageReader;
import dev.slipway.protocol.v2.InferenceRequest;
import io.grpc.CallOptions;
import io.grpc.ClientInterceptors;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.protobuf.ProtoUtils;
import io.grpc.stub.ClientCalls;
import io.grpc.stub.MetadataUtils;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * {@link PredictionClient}'s gRPC path, as {@code SeldonClient(transport="grpc")} calls: {@code seldon.protos.Seldon/*}
 * through a gateway (metadata {@code seldon: DEPLOYMENT}, {@code namespace: NS}) or {@code seldon.protos.Model/*}
 * straight to a model server; {@code inference.GRPCInferenceService/ModelInfer} for Open Inference v2. Plaintext HTTP/2
 * with prior knowledge to the gateway endpoint. Messages go through their JSON form, as Seldon's client converts them.
 */
final class GrpcTransport implements AutoCloseable {

    private final ClientOptions options;
    private final ManagedChannel channel;

    GrpcTransport(ClientOptions options) {
        this.options = options;
        final URI endpoint = URI.create("grpc://" + options.gatewayEndpoint());
        if (endpoint.getHost() == null || endpoint.getPort() < 0) {
            throw new IllegalArgumentException("gRPC needs HOST:PORT, not '" + options.gatewayEndpoint() + "'");
        }
        this.channel = NettyChannelBuilder.forAddress(endpoint.getHost(), endpoint.getPort())
                .usePlaintext()
                .maxInboundMessageSize(64 << 20)
                .build();
    }

    /** {@code Predict} of a Seldon message given as its JSON. */
    Result predict(byte[] json) {
        return seldon("Predict", json, () -> SeldonProtoJson.message(json));
    }

    /** {@code SendFeedback} of a Seldon feedback given as its JSON. */
    Result feedback(byte[] json) {
        return seldon("SendFeedback", json, () -> SeldonProtoJson.feedback(json));
    }

    private Result seldon(String method, byte[] json, java.util.function.Supplier<Message> request) {
        final String service = options.gateway() == Gateway.SELDON ? "seldon.protos.Model/" : "seldon.protos.Seldon/";
        final Message message;
        try {
            message = request.get();
        } catch (ProtocolException e) {
            return new Result(
                    false,
                    "INVALID_ARGUMENT:the request does not fit Seldon's protobuf: " + e.getMessage(),
                    io.grpc.Status.Code.INVALID_ARGUMENT.value(),
                    json,
                    null,
                    null);
        }
        try {
            final Message answer = call(
                    service + method, message, dev.slipway.protocol.grpc.seldon.SeldonMessage.getDefaultInstance());
            final byte[] body = SeldonProtoJson.toJson(answer);
            SeldonMessage parsed = null;
            try {
                parsed = SeldonMessageReader.readMessage(body);
            } catch (ProtocolException e) {
                // the raw JSON is still returned
            }
            return new Result(true, "", 0, json, new String(body, StandardCharsets.UTF_8), parsed);
        } catch (StatusRuntimeException e) {
            return failure(e, json);
        }
    }

    /** {@code ModelInfer} of {@code model}; the result's body is the answer's v2 JSON. */
    Result infer(String model, InferenceRequest request, byte[] json) {
        try {
            final ModelInferResponse answer = (ModelInferResponse) call(
                    "inference.GRPCInferenceService/ModelInfer",
                    V2Protos.toWire(model, request),
                    ModelInferResponse.getDefaultInstance());
            final byte[] body = dev.slipway.protocol.v2.V2Codec.writeResponse(V2Protos.fromWire(answer));
            return new Result(true, "", 0, json, new String(body, StandardCharsets.UTF_8), null);
        } catch (StatusRuntimeException e) {
            return failure(e, json);
        }
    }

    private static Result failure(StatusRuntimeException e, byte[] json) {
        final String description = e.getStatus().getDescription();
        return new Result(
                false,
                e.getStatus().getCode() + ":" + (description == null ? "" : description),
                e.getStatus().getCode().value(),
                json,
                null,
                null);
    }

    private Message call(String fullMethod, Message request, Message prototype) {
        final MethodDescriptor<Message, Message> method = MethodDescriptor.<Message, Message>newBuilder()
                .setType(MethodDescriptor.MethodType.UNARY)
                .setFullMethodName(fullMethod)
                .setRequestMarshaller(ProtoUtils.marshaller(request.getDefaultInstanceForType()))
                .setResponseMarshaller(ProtoUtils.marshaller(prototype))
                .build();
        final Metadata headers = new Metadata();
        metadata().forEach((k, v) -> headers.put(Metadata.Key.of(k, Metadata.ASCII_STRING_MARSHALLER), v));
        return ClientCalls.blockingUnaryCall(
                ClientInterceptors.intercept(channel, MetadataUtils.newAttachHeadersInterceptor(headers)),
                method,
                CallOptions.DEFAULT.withDeadlineAfter(options.timeout().toMillis(), TimeUnit.MILLISECONDS),
                request);
    }

    /** Ambassador's routing metadata (Seldon's client sends {@code seldon} and {@code namespace}), the extra headers. */
    private Map<String, String> metadata() {
        final Map<String, String> out = new LinkedHashMap<>();
        if (options.gateway() != Gateway.SELDON) {
            if (options.deploymentName() == null || options.deploymentName().isBlank()) {
                throw new IllegalArgumentException("a deployment name is needed with the "
                        + options.gateway().name().toLowerCase(java.util.Locale.ROOT) + " gateway");
            }
            out.put("seldon", options.deploymentName());
            if (options.namespace() != null) {
                out.put("namespace", options.namespace());
            }
            options.headers().forEach((k, v) -> out.put(k.toLowerCase(java.util.Locale.ROOT), v));
        }
        if (options.callCredentialsToken() != null) {
            out.put("x-auth-token", options.callCredentialsToken());
        }
        return out;
    }

    @Override
    public void close() {
        channel.shutdownNow();
        try {
            channel.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
