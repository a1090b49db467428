package dev.slipway.artifact;

import java.util.Objects;

/** A problem with an artifact: its kind decides the HTTP status (400, 404, 409). */
public final class ArtifactException extends RuntimeException {

    /** What went wrong. */
    public enum Kind {
        /** Bad input: a malformed reference, archive, jar or label (400). */
        INVALID,
        /** No artifact of that name and version (404). */
        NOT_FOUND,
        /** The name and version are taken by other content (409). */
        CONFLICT,
        /** The store or a download failed (500/502). */
        IO
    }

    private final Kind kind;

    public ArtifactException(Kind kind, String message) {
        super(message);
        this.kind = Objects.requireNonNull(kind, "kind");
    }

    public ArtifactException(Kind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = Objects.requireNonNull(kind, "kind");
    }

    public Kind kind() {
        return kind;
    }

    /** The HTTP status for this problem. */
    public int httpStatus() {
        return switch (kind) {
            case INVALID -> 400;
            case NOT_FOUND -> 404;
            case CONFLICT -> 409;
            case IO -> 500;
        };
    }
}
