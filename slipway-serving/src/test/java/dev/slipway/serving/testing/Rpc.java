package dev.slipway.serving.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.Message;
import dev.slipway.protocol.grpc.inference.InferTensorContents;
import dev.slipway.protocol.grpc.inference.ModelInferRequest;
import io.grpc.CallOptions;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.protobuf.ProtoUtils;
import io.grpc.stub.ClientCalls;
import io.grpc.stub.MetadataUtils;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A real gRPC client (grpc-java over Netty, plaintext HTTP/2 with prior knowledge) for tests: unary calls
 * by full method name with optional metadata, as any generated stub would make them.
 */
public final class Rpc implements AutoCloseable {

    private final ManagedChannel channel;

    public Rpc(String host, int port) {
        this.channel = NettyChannelBuilder.forAddress(host, port)
                .usePlaintext()
                .maxInboundMessageSize(64 << 20)
                .build();
    }

    /** Calls {@code fullMethod} ({@code package.Service/Method}) and waits at most 30 s for the answer. */
    public <Req extends Message, Resp extends Message> Resp call(
            String fullMethod, Req request, Resp prototype, Map<String, String> metadata) {
        @SuppressWarnings("unchecked")
        MethodDescriptor<Req, Resp> method = MethodDescriptor.<Req, Resp>newBuilder()
                .setType(MethodDescriptor.MethodType.UNARY)
                .setFullMethodName(fullMethod)
                .setRequestMarshaller(ProtoUtils.marshaller((Req) request.getDefaultInstanceForType()))
                .setResponseMarshaller(ProtoUtils.marshaller(prototype))
                .build();
        Metadata headers = new Metadata();
        metadata.forEach((k, v) -> headers.put(Metadata.Key.of(k, Metadata.ASCII_STRING_MARSHALLER), v));
        var ch = io.grpc.ClientInterceptors.intercept(channel, MetadataUtils.newAttachHeadersInterceptor(headers));
        return ClientCalls.blockingUnaryCall(
                ch, method, CallOptions.DEFAULT.withDeadlineAfter(30, TimeUnit.SECONDS), request);
    }

    public <Req extends Message, Resp extends Message> Resp call(String fullMethod, Req request, Resp prototype) {
        return call(fullMethod, request, prototype, Map.of());
    }

    /** Sends raw bytes as the request message (to test malformed input); returns the failure, or null. */
    public StatusRuntimeException callRaw(String fullMethod, byte[] body) {
        MethodDescriptor<byte[], byte[]> method = MethodDescriptor.<byte[], byte[]>newBuilder()
                .setType(MethodDescriptor.MethodType.UNARY)
                .setFullMethodName(fullMethod)
                .setRequestMarshaller(Bytes.INSTANCE)
                .setResponseMarshaller(Bytes.INSTANCE)
                .build();
        try {
            ClientCalls.blockingUnaryCall(
                    channel, method, CallOptions.DEFAULT.withDeadlineAfter(30, TimeUnit.SECONDS), body);
            return null;
        } catch (StatusRuntimeException e) {
            return e;
        }
    }

    private enum Bytes implements MethodDescriptor.Marshaller<byte[]> {
        INSTANCE;

        @Override
        public java.io.InputStream stream(byte[] value) {
            return new java.io.ByteArrayInputStream(value);
        }

        @Override
        public byte[] parse(java.io.InputStream stream) {
            try {
                return stream.readAllBytes();
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
    }

    /** Asserts that {@code call} fails with this status code and a description containing {@code message}. */
    public static void assertStatus(Runnable call, Status.Code code, String message) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
            assertThat(e.getStatus().getCode()).isEqualTo(code);
            assertThat(e.getStatus().getDescription()).contains(message);
        });
    }

    /** An Open Inference v2 request to {@code model} of one input {@code x} of this datatype and shape. */
    public static ModelInferRequest.Builder infer(
            String model, String datatype, long shape, InferTensorContents.Builder contents) {
        return ModelInferRequest.newBuilder()
                .setModelName(model)
                .addInputs(ModelInferRequest.InferInputTensor.newBuilder()
                        .setName("x")
                        .setDatatype(datatype)
                        .addShape(shape)
                        .setContents(contents));
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
