package dev.slipway.serving.gateway;

/** A request the gateway cannot serve: an HTTP status and Seldon's reason. */
final class GatewayException extends HttpStatusException {

    private static final long serialVersionUID = 1L;

    private final String reason;

    GatewayException(int httpStatus, String reason, String message) {
        super(httpStatus, message);
        this.reason = reason;
    }

    String reason() {
        return reason;
    }

    static GatewayException notFound(String message) {
        return new GatewayException(404, "DEPLOYMENT_NOT_FOUND", message);
    }

    static GatewayException unavailable(String message) {
        return new GatewayException(503, "NO_READY_REPLICA", message);
    }

    static GatewayException badRequest(String message) {
        return new GatewayException(400, "MICROSERVICE_BAD_DATA", message);
    }

    static GatewayException timeout(String message) {
        return new GatewayException(504, "TIMEOUT", message);
    }

    static GatewayException upstream(String message) {
        return new GatewayException(502, "MICROSERVICE_UNAVAILABLE", message);
    }
}
