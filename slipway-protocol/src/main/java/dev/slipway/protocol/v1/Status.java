package dev.slipway.protocol.v1;

/**
 * Seldon's {@code status}: {@code {"code", "info", "reason", "status": "SUCCESS"|"FAILURE"}}.
 *
 * @param code the HTTP status code (Seldon's int32 {@code code})
 * @param info the human-readable problem
 * @param reason a machine-readable reason such as {@code MICROSERVICE_BAD_DATA}
 * @param status {@code SUCCESS} or {@code FAILURE}
 */
public record Status(int code, String info, String reason, String status) {

    public static Status failure(int code, String reason, String info) {
        return new Status(code, info, reason, "FAILURE");
    }
}
