package dev.slipway.serving.grpc;

import dev.slipway.model.ModelException;
import io.vertx.grpc.common.GrpcStatus;

/**
 * The one place that turns a failure into a gRPC status, as {@code ErrorMapper} does for HTTP: the
 * caller's mistakes are INVALID_ARGUMENT, an operation the model lacks is UNIMPLEMENTED, an unknown model
 * NOT_FOUND, too large RESOURCE_EXHAUSTED, a timeout DEADLINE_EXCEEDED, the model's own failure INTERNAL.
 */
public final class GrpcErrors {

    private GrpcErrors() {}

    /** A failure with its gRPC status. */
    public static final class GrpcFailure extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final transient GrpcStatus status;

        public GrpcFailure(GrpcStatus status, String message) {
            super(message, null, false, false);
            this.status = status;
        }

        public GrpcStatus status() {
            return status;
        }
    }

    /** The status for {@code error}. */
    public static GrpcStatus status(Throwable error) {
        if (error instanceof GrpcFailure f) {
            return f.status();
        }
        if (error instanceof ModelException.InvalidInput) {
            return GrpcStatus.INVALID_ARGUMENT;
        }
        if (error instanceof ModelException.Unsupported) {
            return GrpcStatus.UNIMPLEMENTED;
        }
        return GrpcStatus.INTERNAL;
    }

    /** The gRPC status for an HTTP status (what the gateway passes on from a node or its own refusal). */
    public static GrpcStatus fromHttp(int http) {
        return switch (http) {
            case 400, 415, 422 -> GrpcStatus.INVALID_ARGUMENT;
            case 401 -> GrpcStatus.UNAUTHENTICATED;
            case 403 -> GrpcStatus.PERMISSION_DENIED;
            case 404 -> GrpcStatus.NOT_FOUND;
            case 413 -> GrpcStatus.RESOURCE_EXHAUSTED;
            case 501 -> GrpcStatus.UNIMPLEMENTED;
            case 502, 503 -> GrpcStatus.UNAVAILABLE;
            case 504 -> GrpcStatus.DEADLINE_EXCEEDED;
            default -> http >= 200 && http < 300 ? GrpcStatus.OK : GrpcStatus.INTERNAL;
        };
    }

    /** The message for {@code error}: the model's or protocol's own words. */
    public static String message(Throwable error) {
        String m = error.getMessage() == null ? error.getClass().getName() : error.getMessage();
        if (!(error instanceof ModelException) && !(error instanceof GrpcFailure)) {
            m = error.getClass().getSimpleName() + ": " + m;
        }
        return m;
    }
}
