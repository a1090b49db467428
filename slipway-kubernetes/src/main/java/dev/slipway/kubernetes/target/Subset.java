package dev.slipway.kubernetes.target;

import java.util.List;
import java.util.Map;

/**
 * Drift: whether every field Slipway applied still has the applied value in the live object. Fields the API server
 * or controllers add (defaults, status, server metadata) are not drift; a changed or removed applied field is.
 */
final class Subset {

    private Subset() {}

    /** The path of the first applied field that differs in {@code live}, or null when none does. */
    static String firstDifference(Object applied, Object live, String path) {
        if (applied instanceof Map<?, ?> a) {
            if (!(live instanceof Map<?, ?> l)) {
                return path;
            }
            for (final Map.Entry<?, ?> e : a.entrySet()) {
                final String key = String.valueOf(e.getKey());
                if (path.isEmpty()
                        && java.util.Set.of("status", "metadata", "apiVersion", "kind")
                                .contains(key)) {
                    continue;
                }
                final String d =
                        firstDifference(e.getValue(), l.get(e.getKey()), path.isEmpty() ? key : path + "." + key);
                if (d != null) {
                    return d;
                }
            }
            if (path.isEmpty()
                    && a.get("metadata") instanceof Map<?, ?> meta
                    && l.get("metadata") instanceof Map<?, ?> lm) {
                return firstDifference(meta.get("labels"), lm.get("labels"), "metadata.labels");
            }
            return null;
        }
        if (applied instanceof List<?> a) {
            if (!(live instanceof List<?> l) || l.size() != a.size()) {
                return path;
            }
            for (int i = 0; i < a.size(); i++) {
                final String d = firstDifference(a.get(i), l.get(i), path + "[" + i + "]");
                if (d != null) {
                    return d;
                }
            }
            return null;
        }
        if (applied == null) {
            return null;
        }
        return live != null && String.valueOf(applied).equals(String.valueOf(live)) ? null : path;
    }
}
