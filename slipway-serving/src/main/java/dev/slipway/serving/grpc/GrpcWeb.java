package dev.slipway.serving.grpc;

import io.vertx.core.buffer.Buffer;
import io.vertx.grpc.common.GrpcStatus;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import org.jspecify.annotations.Nullable;

/**
 * gRPC-Web in binary mode, as {@link Unary} answers it and the gateway sends it to its replicas over HTTP/1.1: a body
 * of length-prefixed frames, messages (flag 0) then one trailer frame (flag 0x80) whose payload is the status as HTTP/1
 * header lines ({@code grpc-status:0\r\n}).
 */
public final class GrpcWeb {

    /** The content type of a call and its answer. */
    public static final String CONTENT_TYPE = "application/grpc-web+proto";

    private static final byte TRAILER = (byte) 0x80;

    private GrpcWeb() {}

    /**
     * A unary answer: its message, or its failure.
     *
     * @param message the message's bytes (OK), or null
     * @param status the status
     * @param error the status message (percent-decoded), or null
     */
    public record Answer(
            @Nullable Buffer message,
            GrpcStatus status,
            @Nullable String error) {}

    /** One length-prefixed message frame. */
    public static Buffer frame(Buffer message) {
        return Buffer.buffer(5 + message.length())
                .appendByte((byte) 0)
                .appendInt(message.length())
                .appendBuffer(message);
    }

    /** Appends the trailer frame with {@code status} (and its message, percent-encoded) to {@code body}. */
    public static Buffer trailers(Buffer body, GrpcStatus status, @Nullable String message) {
        String lines = "grpc-status:" + status.code + "\r\n";
        if (message != null && !message.isEmpty()) {
            lines += "grpc-message:" + percentEncoded(message) + "\r\n";
        }
        final byte[] payload = lines.getBytes(StandardCharsets.US_ASCII);
        return body.appendByte(TRAILER).appendInt(payload.length).appendBytes(payload);
    }

    /**
     * Reads a unary answer's body: at most one message, then the trailer frame.
     *
     * @throws IllegalArgumentException when the body is not that
     */
    public static Answer read(Buffer body) {
        Buffer message = null;
        int at = 0;
        while (at + 5 <= body.length()) {
            final byte flags = body.getByte(at);
            final long length = body.getUnsignedInt(at + 1);
            if (at + 5 + length > body.length()) {
                break;
            }
            final Buffer payload = body.slice(at + 5, at + 5 + (int) length);
            if (flags == TRAILER) {
                return answer(message, payload.toString(StandardCharsets.US_ASCII));
            }
            if (flags != 0 || message != null) {
                throw new IllegalArgumentException("not a unary gRPC-Web answer (flags " + flags + ")");
            }
            message = payload;
            at += 5 + (int) length;
        }
        throw new IllegalArgumentException("a gRPC-Web answer without its trailers");
    }

    private static Answer answer(@Nullable Buffer message, String trailers) {
        GrpcStatus status = null;
        String error = null;
        for (int from = 0; from < trailers.length(); ) {
            int eol = trailers.indexOf("\r\n", from);
            if (eol < 0) {
                eol = trailers.length();
            }
            final String line = trailers.substring(from, eol);
            from = eol + 2;
            final int colon = line.indexOf(':');
            if (colon < 0) {
                continue;
            }
            final String name = line.substring(0, colon).strip().toLowerCase(java.util.Locale.ROOT);
            final String value = line.substring(colon + 1).strip();
            if (name.equals("grpc-status")) {
                try {
                    status = GrpcStatus.valueOf(Integer.parseInt(value));
                } catch (RuntimeException e) {
                    throw new IllegalArgumentException("a gRPC-Web answer with grpc-status " + value, e);
                }
            } else if (name.equals("grpc-message")) {
                error = URLDecoder.decode(value.replace("+", "%2B"), StandardCharsets.UTF_8);
            }
        }
        if (status == null) {
            throw new IllegalArgumentException("a gRPC-Web answer without grpc-status");
        }
        return new Answer(status == GrpcStatus.OK ? message == null ? Buffer.buffer() : message : null, status, error);
    }

    /** gRPC's spelling of {@code grpc-message}: UTF-8, with bytes outside printable ASCII and {@code %} as %XX. */
    public static String percentEncoded(String message) {
        final byte[] utf8 = message.getBytes(StandardCharsets.UTF_8);
        final StringBuilder out = new StringBuilder(utf8.length);
        for (final byte b : utf8) {
            if (b >= 0x20 && b < 0x7f && b != '%') {
                out.append((char) b);
            } else {
                out.append('%').append(Character.toUpperCase(Character.forDigit((b >> 4) & 0xf, 16)));
                out.append(Character.toUpperCase(Character.forDigit(b & 0xf, 16)));
            }
        }
        return out.toString();
    }
}
