package dev.slipway.protocol.v1;

import dev.slipway.model.Metric;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Seldon's {@code meta}: the prediction's unique id, tags, routing decisions, the path through the
 * inference graph, and custom metrics. Every field may be empty.
 */
public record Meta(
        String puid,
        Map<String, Object> tags,
        Map<String, Integer> routing,
        Map<String, String> requestPath,
        List<Metric> metrics) {

    public static final Meta EMPTY = new Meta(null, Map.of(), Map.of(), Map.of(), List.of());

    public Meta {
        tags = Collections.unmodifiableMap(new LinkedHashMap<>(tags));
        routing = Collections.unmodifiableMap(new LinkedHashMap<>(routing));
        requestPath = Collections.unmodifiableMap(new LinkedHashMap<>(requestPath));
        metrics = List.copyOf(metrics);
    }

    public Meta withPuid(String id) {
        return new Meta(id, tags, routing, requestPath, metrics);
    }

    public Meta withTags(Map<String, Object> t) {
        return new Meta(puid, t, routing, requestPath, metrics);
    }

    public Meta withRouting(Map<String, Integer> r) {
        return new Meta(puid, tags, r, requestPath, metrics);
    }

    public Meta withRequestPath(Map<String, String> p) {
        return new Meta(puid, tags, routing, p, metrics);
    }

    public Meta withMetrics(List<Metric> m) {
        return new Meta(puid, tags, routing, requestPath, m);
    }

    public boolean isEmpty() {
        return puid == null && tags.isEmpty() && routing.isEmpty() && requestPath.isEmpty() && metrics.isEmpty();
    }
}
