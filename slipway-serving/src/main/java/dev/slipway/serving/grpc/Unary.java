package dev.slipway.serving.grpc;

import com.google.protobuf.CodedOutputStream;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import com.google.protobuf.MessageLite;
import com.google.protobuf.Parser;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.http.HttpVersion;
import io.vertx.grpc.common.GrpcStatus;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import org.jspecify.annotations.Nullable;

/**
 * Serves unary gRPC methods on Vert.x's HTTP server, straight on its requests: reads the one length-prefixed message
 * (gzip-compressed ones too), parses it (a malformed message is INVALID_ARGUMENT, an oversized one
 * RESOURCE_EXHAUSTED, both naming the problem), runs the handler and answers once, the message and its trailers in
 * one write, or a failure's status ({@link GrpcErrors}) as a trailers-only answer; an unknown method is
 * UNIMPLEMENTED. Each call is reported to an {@link Observer}. Besides gRPC over HTTP/2 it answers gRPC-Web in binary
 * mode ({@code application/grpc-web+proto}, over HTTP/1.1 as well: the trailers are the body's last frame), which
 * the gateway uses to reach its replicas over its HTTP/1.1 connections.
 */
public final class Unary implements Handler<HttpServerRequest> {

    /** One method's work: the request and its metadata in, the answer (or a failure) out. */
    @FunctionalInterface
    public interface Handler<Req, Resp> {
        Future<Resp> handle(Req request, MultiMap metadata);
    }

    /**
     * One method's work on the message's bytes as received (not parsed): its answer's bytes out, a serialized message
     * of the method's response type.
     */
    @FunctionalInterface
    public interface RawHandler {
        Future<Buffer> handle(Buffer message, MultiMap metadata);
    }

    /** Told of every finished call: the method's metrics name, its status and its duration. */
    @FunctionalInterface
    public interface Observer {
        void done(String method, GrpcStatus status, long nanos);
    }

    private static final String GRPC = "application/grpc";
    private static final String GRPC_WEB = "application/grpc-web";

    /** A registered method: its metrics name and its work on the message's bytes. */
    public record Method(String name, RawHandler work) {}

    private final long maxMessageBytes;
    private final Observer observer;
    private final Map<String, Method> methods = new HashMap<>();

    public Unary(long maxMessageBytes, Observer observer) {
        this.maxMessageBytes = maxMessageBytes;
        this.observer = observer;
    }

    /** Serves {@code service/method} (e.g. {@code seldon.protos.Model/Predict}). */
    public <Req extends Message, Resp extends MessageLite> Unary add(
            String service, String method, Req prototype, String metricsName, Handler<Req, Resp> handler) {
        @SuppressWarnings("unchecked")
        final Parser<Req> parser = (Parser<Req>) prototype.getParserForType();
        return addRaw(
                service,
                method,
                metricsName,
                (bytes, metadata) -> handler.handle(parse(parser, bytes, metricsName), metadata)
                        .map(Unary::bytes));
    }

    /** A request message parsed, or INVALID_ARGUMENT naming the method and the reason. */
    public static <T> T parse(Parser<T> parser, Buffer bytes, String metricsName) {
        try {
            return parser.parseFrom(bytes.getBytes());
        } catch (InvalidProtocolBufferException e) {
            throw new GrpcErrors.GrpcFailure(
                    GrpcStatus.INVALID_ARGUMENT,
                    "the request is not a valid message for " + metricsName + ": " + e.getMessage());
        }
    }

    /** Serves {@code service/method} on the message's bytes (the handler parses what it needs). */
    public Unary addRaw(String service, String method, String metricsName, RawHandler handler) {
        methods.put("/" + service + "/" + method, new Method(metricsName, handler));
        return this;
    }

    /** Whether {@code req} is a gRPC call this handler answers: gRPC over HTTP/2, or gRPC-Web in binary mode. */
    public static boolean accepts(HttpServerRequest req) {
        final String type = req.getHeader("content-type");
        if (type == null || !type.startsWith(GRPC)) {
            return false;
        }
        return req.version() == HttpVersion.HTTP_2 || type.startsWith(GRPC_WEB);
    }

    /** A message's bytes. */
    public static Buffer bytes(MessageLite message) {
        final byte[] out = new byte[message.getSerializedSize()];
        try {
            final CodedOutputStream coded = CodedOutputStream.newInstance(out);
            message.writeTo(coded);
            coded.checkNoSpaceLeft();
        } catch (IOException e) {
            throw new UncheckedIOException(e); // writing to an array of the right size
        }
        return Buffer.buffer(out);
    }

    /** The method served at {@code path} (e.g. {@code /seldon.protos.Model/Predict}), or null. */
    public @Nullable Method method(String path) {
        return methods.get(path);
    }

    /**
     * Why a call to {@code path} with {@code contentType} is not served (an unknown method, gRPC-Web in text mode),
     * as a failure to answer at once; null when it is served.
     */
    public GrpcErrors.@Nullable GrpcFailure refusal(
            @Nullable Method method, String path, @Nullable String contentType) {
        if (method == null) {
            return new GrpcErrors.GrpcFailure(GrpcStatus.UNIMPLEMENTED, "unknown method " + path);
        }
        if (contentType == null || contentType.startsWith(GRPC_WEB + "-text")) {
            return new GrpcErrors.GrpcFailure(
                    GrpcStatus.UNIMPLEMENTED,
                    "content-type " + contentType
                            + " is not served (use application/grpc or application/grpc-web+proto)");
        }
        return null;
    }

    /**
     * Whether the part of a call's body received so far already breaks the limits: the message it declares is larger
     * than the limit (RESOURCE_EXHAUSTED), or it goes on past one message (INVALID_ARGUMENT). Null while it is fine.
     */
    public GrpcErrors.@Nullable GrpcFailure oversized(Method method, Buffer body) {
        if (body.length() >= 5 && declared(body) > maxMessageBytes) {
            return new GrpcErrors.GrpcFailure(
                    GrpcStatus.RESOURCE_EXHAUSTED,
                    "the message has " + declared(body) + " bytes, more than the limit of " + maxMessageBytes
                            + " bytes (see --max-request-bytes)");
        }
        if (body.length() > maxMessageBytes + 5) {
            return new GrpcErrors.GrpcFailure(
                    GrpcStatus.INVALID_ARGUMENT,
                    "the request is not a valid " + method.name() + " message: one message expected");
        }
        return null;
    }

    @Override
    public void handle(HttpServerRequest req) {
        final String type = req.getHeader("content-type");
        final VertxCall call = new VertxCall(req, type != null && type.startsWith(GRPC_WEB));
        final Method method = methods.get(req.path());
        final GrpcErrors.GrpcFailure refused = refusal(method, req.path(), type);
        if (refused != null) {
            fail(call, method == null ? "unknown" : method.name(), refused);
            return;
        }
        if (method == null) {
            return; // refused above
        }
        final Buffer body = Buffer.buffer();
        req.exceptionHandler(e -> call.abandon()); // the stream was reset: nobody to answer
        req.handler(chunk -> {
            if (call.answered()) {
                return;
            }
            body.appendBuffer(chunk);
            final GrpcErrors.GrpcFailure tooLarge = oversized(method, body);
            if (tooLarge != null) {
                fail(call, method.name(), tooLarge);
            }
        });
        req.endHandler(v -> {
            if (!call.answered()) {
                run(call, method, body, req.getHeader("grpc-encoding"), req.headers());
            }
        });
    }

    private static long declared(Buffer body) {
        return body.getUnsignedInt(1);
    }

    private void fail(Call call, String name, GrpcErrors.GrpcFailure failure) {
        fail(call, name, failure.status(), failure.getMessage());
    }

    /** Answers {@code call} with {@code failure} (a {@link #refusal} or {@link #oversized} body), counted as usual. */
    public void fail(Call call, @Nullable Method method, GrpcErrors.GrpcFailure failure) {
        fail(call, method == null ? "unknown" : method.name(), failure);
    }

    /**
     * Runs a call whose body has arrived: checks it is one length-prefixed message (gzip-compressed when
     * {@code encoding} says so), runs the method on it and answers through {@code call}.
     */
    public void run(Call call, Method method, Buffer body, @Nullable String encoding, MultiMap metadata) {
        final Buffer message;
        try {
            message = message(body, encoding, method);
        } catch (GrpcErrors.GrpcFailure e) {
            fail(call, method.name(), e);
            return;
        }
        Future<Buffer> result;
        try {
            result = method.work().handle(message, metadata);
        } catch (RuntimeException | StackOverflowError e) {
            result = Future.failedFuture(e);
        }
        result.onComplete(ar -> {
            if (ar.failed()) {
                fail(call, method.name(), GrpcErrors.status(ar.cause()), GrpcErrors.message(ar.cause()));
            } else {
                succeed(call, method.name(), ar.result());
            }
        });
    }

    /** The one message of a unary call's body (decompressed when it says so). */
    private Buffer message(Buffer body, @Nullable String encoding, Method method) {
        final String invalid = "the request is not a valid " + method.name() + " message: ";
        if (body.length() < 5 || body.length() != 5 + declared(body)) {
            throw new GrpcErrors.GrpcFailure(
                    GrpcStatus.INVALID_ARGUMENT,
                    invalid + (body.length() < 5 ? "no message" : "one length-prefixed message expected"));
        }
        final Buffer message = body.slice(5, body.length());
        final byte flags = body.getByte(0);
        if (flags == 0) {
            return message;
        }
        if (flags != 1 || !"gzip".equals(encoding)) {
            throw new GrpcErrors.GrpcFailure(
                    GrpcStatus.UNIMPLEMENTED,
                    "compressed with " + (encoding == null ? "no grpc-encoding" : encoding) + ": only gzip is served");
        }
        return gunzip(message, method);
    }

    private Buffer gunzip(Buffer compressed, Method method) {
        try (InputStream in = new GZIPInputStream(new java.io.ByteArrayInputStream(compressed.getBytes()))) {
            final ByteArrayOutputStream out = new ByteArrayOutputStream();
            final byte[] chunk = new byte[8192];
            for (int n = in.read(chunk); n >= 0; n = in.read(chunk)) {
                if (out.size() + n > maxMessageBytes) {
                    throw new GrpcErrors.GrpcFailure(
                            GrpcStatus.RESOURCE_EXHAUSTED,
                            "the message has more than the limit of " + maxMessageBytes
                                    + " bytes once decompressed (see --max-request-bytes)");
                }
                out.write(chunk, 0, n);
            }
            return Buffer.buffer(out.toByteArray());
        } catch (IOException e) {
            throw new GrpcErrors.GrpcFailure(
                    GrpcStatus.INVALID_ARGUMENT,
                    "the request is not a valid " + method.name() + " message: bad gzip: " + e.getMessage());
        }
    }

    /** Answers {@code call} with {@code message} and an OK status, unless it was answered (or reset) already. */
    private void succeed(Call call, String name, Buffer message) {
        if (call.answered) {
            return;
        }
        call.answered = true;
        call.writeMessage(message);
        observer.done(name, GrpcStatus.OK, System.nanoTime() - call.start);
    }

    /** Answers {@code call} with a failure's status and message, unless it was answered (or reset) already. */
    private void fail(Call call, String name, GrpcStatus status, @Nullable String message) {
        if (call.answered) {
            return;
        }
        call.answered = true;
        call.writeStatus(status, message);
        observer.done(name, status, System.nanoTime() - call.start);
    }

    /**
     * One call's answer, written once, as its transport writes it: Vert.x's HTTP server here, a lean HTTP/2 connection
     * ({@code dev.slipway.serving.grpc.h2}) for gRPC clients that speak HTTP/2 with prior knowledge.
     */
    public abstract static class Call {
        private final long start = System.nanoTime();
        private boolean answered;

        /** Marks the call as answered without writing (its stream was reset: nobody to answer). */
        protected final void abandon() {
            answered = true;
        }

        /** Whether the call was answered or abandoned. */
        protected final boolean answered() {
            return answered;
        }

        /** Writes the message (not yet length-prefixed) and an OK status. */
        protected abstract void writeMessage(Buffer message);

        /** Writes a failure's status and message (a trailers-only answer). */
        protected abstract void writeStatus(GrpcStatus status, @Nullable String message);
    }

    /** A call on Vert.x's HTTP server: gRPC over HTTP/2, or gRPC-Web (HTTP/1.1 or 2). */
    private static final class VertxCall extends Call {
        final HttpServerRequest req;
        final boolean web;

        VertxCall(HttpServerRequest req, boolean web) {
            this.req = req;
            this.web = web;
        }

        /** The message and an OK status in one write: HEADERS, DATA and trailers (gRPC-Web: a trailer frame). */
        @Override
        protected void writeMessage(Buffer message) {
            final HttpServerResponse res = req.response();
            if (res.closed()) {
                return;
            }
            final Buffer framed = GrpcWeb.frame(message);
            if (web) {
                res.putHeader("content-type", GrpcWeb.CONTENT_TYPE).end(GrpcWeb.trailers(framed, GrpcStatus.OK, null));
            } else {
                // HEADERS (with a content-length), DATA and the trailers, flushed once
                res.putHeader("content-type", GRPC)
                        .putTrailer("grpc-status", "0")
                        .end(framed);
            }
        }

        /** A trailers-only answer: the status (and its message) in the one HEADERS frame. */
        @Override
        protected void writeStatus(GrpcStatus status, @Nullable String message) {
            final HttpServerResponse res = req.response();
            if (res.closed() || res.ended()) {
                return;
            }
            if (web) { // the status as the body's trailer frame (what the gateway reads)
                res.putHeader("content-type", GrpcWeb.CONTENT_TYPE)
                        .end(GrpcWeb.trailers(Buffer.buffer(), status, message));
            } else {
                res.putHeader("content-type", GRPC).putHeader("grpc-status", Integer.toString(status.code));
                if (message != null && !message.isEmpty()) {
                    res.putHeader("grpc-message", GrpcWeb.percentEncoded(message));
                }
                res.end();
            }
        }
    }
}
