package dev.slipway.serving.gateway;

/** A failure that decides the HTTP status of the gateway's answer; cheap to throw (no stack trace). */
abstract class HttpStatusException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final int httpStatus;

    HttpStatusException(int httpStatus, String message) {
        super(message, null, false, false);
        this.httpStatus = httpStatus;
    }

    final int httpStatus() {
        return httpStatus;
    }
}
