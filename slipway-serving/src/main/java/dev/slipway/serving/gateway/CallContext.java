package dev.slipway.serving.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** One request's walk through a predictor's graph: where it went ({@code requestPath}, {@code routing}). */
final class CallContext {

    final DeploymentRoute deployment;
    final PredictorRoute predictor;
    final long timeoutMillis;
    final Map<String, String> requestPath = Collections.synchronizedMap(new LinkedHashMap<>());
    final Map<String, Integer> routing = Collections.synchronizedMap(new LinkedHashMap<>());
    final Map<String, JsonNode> tags = Collections.synchronizedMap(new LinkedHashMap<>());
    final ArrayNode metrics = SeldonJson.NODES.arrayNode();
    /** The request's puid, once known (request-log events carry it). */
    volatile String puid;

    CallContext(DeploymentRoute deployment, PredictorRoute predictor) {
        this.deployment = deployment;
        this.predictor = predictor;
        this.timeoutMillis = deployment.timeout().toMillis();
    }

    /** Collects the tags and metrics a node put in its answer's meta. */
    void collect(JsonNode reply) {
        final JsonNode meta = reply.get("meta");
        if (meta == null || !meta.isObject()) {
            return;
        }
        if (meta.get("tags") != null && meta.get("tags").isObject()) {
            meta.get("tags").fields().forEachRemaining(e -> tags.put(e.getKey(), e.getValue()));
        }
        if (meta.get("metrics") != null && meta.get("metrics").isArray()) {
            synchronized (metrics) {
                meta.get("metrics").forEach(metrics::add);
            }
        }
    }
}
