package dev.slipway.support;

import java.util.Objects;

/**
 * One thing wrong with an input, located by source and field path, e.g.
 * {@code deploy.yaml:12:5: spec.predictors[1].traffic: traffic of non-shadow predictors must sum to 100}.
 *
 * @param source the file (or other input) it is about; {@code ""} when there is only one
 * @param path the field path inside the document, e.g. {@code spec.predictors[1].traffic}; {@code ""} for the whole
 * @param message what is wrong (or what is ignored, for a warning)
 * @param line 1-based line, or 0 when unknown
 * @param column 1-based column, or 0 when unknown
 */
public record Problem(String source, String path, String message, int line, int column) {

    public Problem {
        source = source == null ? "" : source;
        path = path == null ? "" : path;
        Objects.requireNonNull(message, "message");
    }

    /** A problem whose position in the text is unknown. */
    public static Problem of(String source, String path, String message) {
        return new Problem(source, path, message, 0, 0);
    }

    /** {@code source[:line:column]: [path: ]message}. */
    @Override
    public String toString() {
        final StringBuilder b = new StringBuilder();
        if (!source.isEmpty()) {
            b.append(source);
            if (line > 0) {
                b.append(':').append(line).append(':').append(column);
            }
            b.append(": ");
        }
        if (!path.isEmpty()) {
            b.append(path).append(": ");
        }
        return b.append(message).toString();
    }
}
