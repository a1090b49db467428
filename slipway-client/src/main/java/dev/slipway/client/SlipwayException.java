package dev.slipway.client;

import dev.slipway.api.ApiError;
import java.util.Objects;

/**
 * An API call that did not succeed: the server's status and error answer, or status 0 when the server could not be
 * reached (or its answer could not be read).
 */
public final class SlipwayException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final int status;
    private final transient ApiError error;

    public SlipwayException(int status, ApiError error) {
        super(Objects.requireNonNull(error, "error").error());
        this.status = status;
        this.error = error;
    }

    public SlipwayException(String message, Throwable cause) {
        super(message, cause);
        this.status = 0;
        this.error = ApiError.of(message);
    }

    /** The HTTP status (0: no answer). */
    public int status() {
        return status;
    }

    /** The server's error answer (for status 0, this client's message). */
    public ApiError error() {
        return error;
    }

    /** True for the caller's mistakes (400, 422): a usage error rather than a failure. */
    public boolean badRequest() {
        return status == 400 || status == 422;
    }
}
