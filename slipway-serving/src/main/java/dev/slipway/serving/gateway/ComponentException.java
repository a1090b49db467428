package dev.slipway.serving.gateway;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** A graph node answered with an error: its HTTP status and (sanitised) Seldon body are passed on. */
final class ComponentException extends HttpStatusException {

    private static final long serialVersionUID = 1L;

    private final transient ObjectNode body;

    ComponentException(int httpStatus, ObjectNode body, String message) {
        super(httpStatus, message);
        this.body = body;
    }

    ObjectNode body() {
        return body;
    }
}
