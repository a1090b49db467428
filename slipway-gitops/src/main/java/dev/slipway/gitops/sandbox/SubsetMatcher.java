package dev.slipway.gitops.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;

/**
 * Compares an answer with an expected subset: objects need every expected field, arrays the same length and
 * matching elements, numbers agree within a tolerance ({@code 2} equals {@code 2.0}), other values exactly.
 */
final class SubsetMatcher {

    private final double tolerance;

    SubsetMatcher(double tolerance) {
        this.tolerance = tolerance;
    }

    /** The first mismatch as {@code path: expected X, got Y}, or empty when {@code actual} matches. */
    Optional<String> mismatch(JsonNode expected, JsonNode actual) {
        return compare("", expected, actual);
    }

    private Optional<String> compare(String path, JsonNode expected, JsonNode actual) {
        final String where = path.isEmpty() ? "(root)" : path;
        if (actual == null || actual.isMissingNode()) {
            return Optional.of(where + ": missing (expected " + expected + ")");
        }
        if (expected.isObject()) {
            if (!actual.isObject()) {
                return Optional.of(where + ": expected an object, got " + actual);
            }
            final Iterator<Map.Entry<String, JsonNode>> fields = expected.fields();
            while (fields.hasNext()) {
                final Map.Entry<String, JsonNode> e = fields.next();
                final Optional<String> m = compare(
                        path.isEmpty() ? e.getKey() : path + "." + e.getKey(), e.getValue(), actual.get(e.getKey()));
                if (m.isPresent()) {
                    return m;
                }
            }
            return Optional.empty();
        }
        if (expected.isArray()) {
            if (!actual.isArray() || actual.size() != expected.size()) {
                return Optional.of(where + ": expected " + expected + ", got " + actual);
            }
            for (int i = 0; i < expected.size(); i++) {
                final Optional<String> m = compare(path + "[" + i + "]", expected.get(i), actual.get(i));
                if (m.isPresent()) {
                    return m;
                }
            }
            return Optional.empty();
        }
        if (expected.isNumber()) {
            if (!actual.isNumber() || Math.abs(actual.asDouble() - expected.asDouble()) > tolerance) {
                return Optional.of(where + ": expected " + expected + (tolerance > 0 ? " ± " + tolerance : "")
                        + ", got " + actual);
            }
            return Optional.empty();
        }
        return expected.equals(actual)
                ? Optional.empty()
                : Optional.of(where + ": expected " + expected + ", got " + actual);
    }
}
