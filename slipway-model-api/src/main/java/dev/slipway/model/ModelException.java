package dev.slipway.model;

/**
 * A failure of a model. The plain exception is the model's own failure (a server answers 500 with its
 * message); {@link InvalidInput} is the caller's mistake (400); {@link LoadFailure} means the model
 * could not be loaded.
 */
public class ModelException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public ModelException(String message) {
        super(message);
    }

    public ModelException(String message, Throwable cause) {
        super(message, cause);
    }

    /** The request does not fit the model: wrong feature count, text for a numeric model, … (HTTP 400). */
    public static class InvalidInput extends ModelException {
        private static final long serialVersionUID = 1L;

        public InvalidInput(String message) {
            super(message);
        }

        public InvalidInput(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** The model artifact could not be read or is refused (unsafe, corrupt, unsupported). */
    public static class LoadFailure extends ModelException {
        private static final long serialVersionUID = 1L;

        public LoadFailure(String message) {
            super(message);
        }

        public LoadFailure(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** The model does not implement the requested operation (route, aggregate, …). */
    public static class Unsupported extends ModelException {
        private static final long serialVersionUID = 1L;

        public Unsupported(String message) {
            super(message);
        }
    }

    /**
     * A failure that says its own HTTP status and reason: what a Python model's {@code SeldonMicroserviceException}
     * carries, or 504 for a call that ran past the request timeout.
     */
    public static class WithStatus extends ModelException {
        private static final long serialVersionUID = 1L;
        private final int status;
        private final String reason;

        /**
         * @param status an HTTP status, 400 to 599
         * @param reason Seldon's reason, e.g. {@code MICROSERVICE_BAD_DATA}
         * @param message what happened
         */
        public WithStatus(int status, String reason, String message) {
            super(message);
            if (status < 400 || status > 599) {
                throw new IllegalArgumentException("status must be 400 to 599, not " + status);
            }
            this.status = status;
            this.reason = reason == null || reason.isBlank() ? "MICROSERVICE_INTERNAL_ERROR" : reason;
        }

        public int status() {
            return status;
        }

        public String reason() {
            return reason;
        }
    }
}
