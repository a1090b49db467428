package dev.slipway.storage;

import java.util.Objects;

/** A model URI could not be fetched: the message names the URI and the reason. */
public class StorageException extends Exception {
    private static final long serialVersionUID = 1L;

    /** Why a fetch failed, for callers that map failures to statuses or retries. */
    public enum Reason {
        /** The object, bucket or file does not exist (HTTP 404, S3 NoSuchKey/NoSuchBucket). */
        NOT_FOUND,
        /** The credentials are missing or refused (HTTP 401/403, S3 AccessDenied). */
        DENIED,
        /** The endpoint could not be reached in time (refused, unknown host, timeout). */
        UNREACHABLE,
        /** The transfer broke or did not match what the server announced. */
        INCOMPLETE,
        /** A size or file-count limit was exceeded. */
        TOO_LARGE,
        /** The content is refused (unsafe archive entry, bad URI, unsupported scheme). */
        REFUSED,
        /** Anything else. */
        OTHER
    }

    private final Reason reason;

    public StorageException(String message) {
        this(Reason.OTHER, message, null);
    }

    public StorageException(String message, Throwable cause) {
        this(Reason.OTHER, message, cause);
    }

    public StorageException(Reason reason, String message) {
        this(reason, message, null);
    }

    public StorageException(Reason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    /** Why the fetch failed. */
    public Reason reason() {
        return reason;
    }
}
