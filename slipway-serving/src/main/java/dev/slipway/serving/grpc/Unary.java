package dev.slipway.serving.grpc;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import com.google.protobuf.MessageLite;
import com.google.protobuf.Parser;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.grpc.common.GrpcMessageDecoder;
import io.vertx.grpc.common.GrpcMessageEncoder;
import io.vertx.grpc.common.GrpcStatus;
import io.vertx.grpc.common.MessageSizeOverflowException;
import io.vertx.grpc.common.ServiceMethod;
import io.vertx.grpc.common.ServiceName;
import io.vertx.grpc.server.GrpcServer;
import io.vertx.grpc.server.GrpcServerRequest;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Registers unary gRPC methods on a Vert.x {@link GrpcServer}: decodes the request (a malformed message is
 * INVALID_ARGUMENT, an oversized one RESOURCE_EXHAUSTED, both naming the problem), runs the handler,
 * answers once with the message or the failure's status ({@link GrpcErrors}), and reports each call.
 */
public final class Unary {

    /** One method's work: the request and its metadata in, the answer (or a failure) out. */
    @FunctionalInterface
    public interface Handler<Req, Resp> {
        Future<Resp> handle(Req request, MultiMap metadata);
    }

    /** Told of every finished call: the method's metrics name, its status and its duration. */
    @FunctionalInterface
    public interface Observer {
        void done(String method, GrpcStatus status, long nanos);
    }

    private final GrpcServer server;
    private final long maxMessageBytes;
    private final Observer observer;

    public Unary(GrpcServer server, long maxMessageBytes, Observer observer) {
        this.server = server;
        this.maxMessageBytes = maxMessageBytes;
        this.observer = observer;
    }

    /** Serves {@code service/method} (e.g. {@code seldon.protos.Model/Predict}). */
    public <Req extends Message, Resp extends MessageLite> Unary add(
            String service, String method, Req prototype, String metricsName, Handler<Req, Resp> handler) {
        // the bytes are parsed here, not by Vert.x, so a malformed message gets INVALID_ARGUMENT with the reason
        ServiceMethod<Buffer, Resp> sm = ServiceMethod.server(
                ServiceName.create(service), method, GrpcMessageEncoder.encoder(), GrpcMessageDecoder.IDENTITY);
        @SuppressWarnings("unchecked")
        Parser<Req> parser = (Parser<Req>) prototype.getParserForType();
        server.callHandler(sm, call -> serve(call, metricsName, parser, handler));
        return this;
    }

    private <Req, Resp> void serve(
            GrpcServerRequest<Buffer, Resp> call, String name, Parser<Req> parser, Handler<Req, Resp> handler) {
        long start = System.nanoTime();
        AtomicBoolean answered = new AtomicBoolean();
        call.invalidMessageHandler(e -> {
            if (e instanceof MessageSizeOverflowException o) {
                fail(
                        call,
                        answered,
                        name,
                        start,
                        GrpcStatus.RESOURCE_EXHAUSTED,
                        "the message has " + o.messageSize() + " bytes, more than the limit of " + maxMessageBytes
                                + " bytes (see --max-request-bytes)");
            } else {
                Throwable cause = e.getCause() == null ? e : e.getCause();
                fail(
                        call,
                        answered,
                        name,
                        start,
                        GrpcStatus.INVALID_ARGUMENT,
                        "the request is not a valid " + name + " message: " + cause.getMessage());
            }
        });
        call.exceptionHandler(e -> answered.set(true)); // the stream was reset: nobody to answer
        call.handler(bytes -> {
            Req request;
            try {
                request = parser.parseFrom(bytes.getBytes());
            } catch (InvalidProtocolBufferException e) {
                fail(
                        call,
                        answered,
                        name,
                        start,
                        GrpcStatus.INVALID_ARGUMENT,
                        "the request is not a valid message for " + name + ": " + e.getMessage());
                return;
            }
            Future<Resp> result;
            try {
                result = handler.handle(request, call.headers());
            } catch (RuntimeException | StackOverflowError e) {
                result = Future.failedFuture(e);
            }
            result.onComplete(ar -> {
                if (ar.failed()) {
                    fail(call, answered, name, start, GrpcErrors.status(ar.cause()), GrpcErrors.message(ar.cause()));
                } else if (answered.compareAndSet(false, true)) {
                    call.response().end(ar.result());
                    observer.done(name, GrpcStatus.OK, System.nanoTime() - start);
                }
            });
        });
    }

    private void fail(
            GrpcServerRequest<?, ?> call,
            AtomicBoolean answered,
            String name,
            long start,
            GrpcStatus status,
            String message) {
        if (!answered.compareAndSet(false, true)) {
            return;
        }
        call.response().status(status).statusMessage(message).end();
        observer.done(name, status, System.nanoTime() - start);
    }
}
