package dev.slipway.serving.gateway;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** A graph node answered with an error: its HTTP status and (sanitised) Seldon body are passed on. */
final class ComponentException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final int httpStatus;
    private final transient ObjectNode body;

    ComponentException(int httpStatus, ObjectNode body, String message) {
        super(message, null, false, false);
        this.httpStatus = httpStatus;
        this.body = body;
    }

    int httpStatus() {
        return httpStatus;
    }

    ObjectNode body() {
        return body;
    }
}
