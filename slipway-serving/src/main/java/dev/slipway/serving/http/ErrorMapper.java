package dev.slipway.serving.http;

import dev.slipway.model.ModelException;
import dev.slipway.protocol.v1.SeldonMessage;
import dev.slipway.protocol.v1.SeldonMessageWriter;
import dev.slipway.protocol.v1.Status;
import dev.slipway.protocol.v2.V2Codec;

/**
 * The one place that turns a failure into an HTTP answer: the caller's mistakes
 * ({@link ModelException.InvalidInput}, including protocol errors) are 400 with reason
 * {@code MICROSERVICE_BAD_DATA}; an operation the model does not implement is 501; the model's own
 * failures are 500 with its message ({@code MICROSERVICE_INTERNAL_ERROR}); transport errors and
 * {@link ModelException.WithStatus} carry their own status.
 */
public final class ErrorMapper {

    private ErrorMapper() {}

    /** The reply for {@code error} in the endpoint's style. */
    public static Reply toReply(Throwable error, ErrorStyle style) {
        int status;
        String reason;
        String message;
        if (error instanceof HttpError h) {
            status = h.status();
            reason = h.reason();
            message = h.getMessage();
        } else if (error instanceof ModelException.WithStatus w) {
            status = w.status();
            reason = w.reason();
            message = w.getMessage();
        } else if (error instanceof ModelException.InvalidInput) {
            status = 400;
            reason = "MICROSERVICE_BAD_DATA";
            message = error.getMessage();
        } else if (error instanceof ModelException.Unsupported) {
            status = 501;
            reason = "NOT_IMPLEMENTED";
            message = error.getMessage();
        } else {
            status = 500;
            reason = "MICROSERVICE_INTERNAL_ERROR";
            message = error.getMessage() == null ? error.getClass().getName() : error.getMessage();
            if (!(error instanceof ModelException)) {
                message = error.getClass().getSimpleName() + ": " + message;
            }
        }
        return of(status, reason, message, style);
    }

    /** A reply for a given status, reason and message. */
    public static Reply of(int status, String reason, String message, ErrorStyle style) {
        byte[] body = style == ErrorStyle.V2
                ? V2Codec.writeError(message)
                : SeldonMessageWriter.write(SeldonMessage.failure(Status.failure(status, reason, message)));
        return Reply.json(status, body);
    }
}
