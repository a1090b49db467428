package dev.slipway.serving.gateway;

import java.util.Locale;

/**
 * A graph node's request logging ({@code logger: {mode, url}} in Seldon's spec, or every node when the
 * deployment carries {@code seldon.io/engine-seldon-log-messages-externally: "true"}).
 *
 * @param mode what is logged
 * @param url the sink, or null for the gateway's default sink
 */
public record NodeLogger(Mode mode, String url) {

    /** What a node logs: its requests, its responses, or both. */
    public enum Mode {
        ALL,
        REQUEST,
        RESPONSE;

        /** {@code all}, {@code request} or {@code response} (null: all). */
        public static Mode parse(String text) {
            return text == null ? ALL : valueOf(text.trim().toUpperCase(Locale.ROOT));
        }
    }

    public NodeLogger {
        java.util.Objects.requireNonNull(mode, "mode");
    }

    boolean requests() {
        return mode != Mode.RESPONSE;
    }

    boolean responses() {
        return mode != Mode.REQUEST;
    }
}
