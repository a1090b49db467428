package dev.slipway.controlplane.api;

import java.nio.file.Path;

/**
 * What a route answers, computed off the event loop: a record written as JSON, raw bytes, or a file sent and then
 * deleted.
 *
 * @param status the HTTP status
 * @param body a record (JSON), or null
 * @param contentType the bytes' or the file's type (null for JSON)
 * @param bytes raw bytes, or null
 * @param file a file to send (and delete afterwards), or null
 */
public record Reply(int status, Object body, String contentType, byte[] bytes, Path file) {

    /** {@code body} as JSON. */
    public static Reply json(int status, Object body) {
        return new Reply(status, body, null, null, null);
    }

    /** Raw bytes. */
    public static Reply bytes(int status, String contentType, byte[] bytes) {
        return new Reply(status, null, contentType, bytes, null);
    }

    /** A temporary file, deleted once sent. */
    public static Reply temporaryFile(String contentType, Path file) {
        return new Reply(200, null, contentType, null, file);
    }
}
