package dev.slipway.serving.gateway;

/** What the executor calls a graph node for (Seldon's node types and methods, as component paths). */
public enum Step {
    PREDICT("/predict"),
    TRANSFORM_INPUT("/transform-input"),
    ROUTE("/route"),
    AGGREGATE("/aggregate"),
    TRANSFORM_OUTPUT("/transform-output"),
    SEND_FEEDBACK("/send-feedback");

    private final String path;

    Step(String path) {
        this.path = path;
    }

    /** The component path on the model server. */
    public String path() {
        return path;
    }

    /** The {@code service} label of client metrics: the path without its slash. */
    public String service() {
        return path.substring(1);
    }
}
