package dev.slipway.serving.http;

import java.nio.charset.StandardCharsets;

/**
 * What an endpoint answers: status, content type and body; {@code seldonMessage} when the body is a
 * SeldonMessage written by {@link dev.slipway.protocol.v1.SeldonMessageWriter} (schema fields only).
 */
public record Reply(int status, String contentType, byte[] body, boolean seldonMessage) {

    public Reply(int status, String contentType, byte[] body) {
        this(status, contentType, body, false);
    }

    /** A 200 SeldonMessage. */
    public static Reply message(byte[] body) {
        return new Reply(200, JSON, body, true);
    }

    public static final String JSON = "application/json";
    public static final String TEXT = "text/plain; charset=utf-8";

    public static Reply json(byte[] body) {
        return new Reply(200, JSON, body);
    }

    public static Reply json(int status, byte[] body) {
        return new Reply(status, JSON, body);
    }

    public static Reply text(int status, String body) {
        return new Reply(status, TEXT, body.getBytes(StandardCharsets.UTF_8));
    }
}
