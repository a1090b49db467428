package dev.slipway.controlplane.api;

/** A refusal with its HTTP status: the one exception the API's own code throws for the caller's mistakes. */
public final class ApiException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final int status;

    public ApiException(int status, String message) {
        super(message);
        this.status = status;
    }

    /** 400: the message names the field and what is wrong with it. */
    public static ApiException badRequest(String message) {
        return new ApiException(400, message);
    }

    /** 404. */
    public static ApiException notFound(String message) {
        return new ApiException(404, message);
    }

    /** 409: the state does not allow it. */
    public static ApiException conflict(String message) {
        return new ApiException(409, message);
    }

    /** The HTTP status. */
    public int status() {
        return status;
    }
}
