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
    private record Method(String name, RawHandler work) {}

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

    @Override
    public void handle(HttpServerRequest req) {
        final long start = System.nanoTime();
        final String type = req.getHeader("content-type");
        final Call call = new Call(req, type != null && type.startsWith(GRPC_WEB), start);
        final Method method = methods.get(req.path());
        if (method == null || type == null || type.startsWith(GRPC_WEB + "-text")) {
            call.fail(
                    method == null ? "unknown" : method.name(),
                    GrpcStatus.UNIMPLEMENTED,
                    method == null
                            ? "unknown method " + req.path()
                            : "content-type " + type
                                    + " is not served (use application/grpc or application/grpc-web+proto)");
            return;
        }
        final Buffer body = Buffer.buffer();
        req.exceptionHandler(e -> call.answered = true); // the stream was reset: nobody to answer
        req.handler(chunk -> {
            if (call.answered) {
                return;
            }
            body.appendBuffer(chunk);
            if (body.length() >= 5 && declared(body) > maxMessageBytes) {
                tooLarge(call, method, declared(body));
            } else if (body.length() > maxMessageBytes + 5) {
                call.fail(
                        method.name(),
                        GrpcStatus.INVALID_ARGUMENT,
                        "the request is not a valid " + method.name() + " message: one message expected");
            }
        });
        req.endHandler(v -> {
            if (!call.answered) {
                run(call, method, body);
            }
        });
    }

    private void tooLarge(Call call, Method method, long size) {
        call.fail(
                method.name(),
                GrpcStatus.RESOURCE_EXHAUSTED,
                "the message has " + size + " bytes, more than the limit of " + maxMessageBytes
                        + " bytes (see --max-request-bytes)");
    }

    private static long declared(Buffer body) {
        return body.getUnsignedInt(1);
    }

    private void run(Call call, Method method, Buffer body) {
        final Buffer message;
        try {
            message = message(call.req, body, method);
        } catch (GrpcErrors.GrpcFailure e) {
            call.fail(method.name(), e.status(), e.getMessage());
            return;
        }
        Future<Buffer> result;
        try {
            result = method.work().handle(message, call.req.headers());
        } catch (RuntimeException | StackOverflowError e) {
            result = Future.failedFuture(e);
        }
        result.onComplete(ar -> {
            if (ar.failed()) {
                call.fail(method.name(), GrpcErrors.status(ar.cause()), GrpcErrors.message(ar.cause()));
            } else {
                call.succeed(method.name(), ar.result());
            }
        });
    }

    /** The one message of a unary call's body (decompressed when it says so). */
    private Buffer message(HttpServerRequest req, Buffer body, Method method) {
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
        final String encoding = req.getHeader("grpc-encoding");
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

    /** One call's answer, written once. */
    private final class Call {
        final HttpServerRequest req;
        final boolean web;
        final long start;
        boolean answered;

        Call(HttpServerRequest req, boolean web, long start) {
            this.req = req;
            this.web = web;
            this.start = start;
        }

        /** The message and an OK status in one write: HEADERS, DATA and trailers (gRPC-Web: a trailer frame). */
        void succeed(String name, Buffer message) {
            if (answered) {
                return;
            }
            answered = true;
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
            observer.done(name, GrpcStatus.OK, System.nanoTime() - start);
        }

        /** A trailers-only answer: the status (and its message) in the one HEADERS frame. */
        void fail(String name, GrpcStatus status, @Nullable String message) {
            if (answered) {
                return;
            }
            answered = true;
            final HttpServerResponse res = req.response();
            if (!res.closed() && !res.ended()) {
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
            observer.done(name, status, System.nanoTime() - start);
        }
    }
}
