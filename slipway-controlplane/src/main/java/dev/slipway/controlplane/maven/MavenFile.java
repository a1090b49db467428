package dev.slipway.controlplane.maven;

import java.util.Objects;

/**
 * One file of the repository: its bytes (never modified: callers must not change the array) and media type.
 *
 * @param content the file's bytes
 * @param contentType its {@code Content-Type}
 */
public record MavenFile(byte[] content, String contentType) {

    public MavenFile {
        Objects.requireNonNull(content, "content");
        Objects.requireNonNull(contentType, "contentType");
    }

    /** The file's length in bytes. */
    public int length() {
        return content.length;
    }
}
