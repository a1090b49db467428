package dev.slipway.serving.gateway;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.slipway.support.Limits;
import dev.slipway.support.Mappers;
import java.io.IOException;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;

/**
 * SeldonMessage JSON as the gateway handles it: parse, keep only the fields of Seldon's schema (the Python
 * client in proto mode rejects a response with any other field), and Seldon's error bodies.
 */
final class SeldonJson {

    static final ObjectMapper MAPPER = Mappers.json(Limits.PAYLOAD);
    static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private static final Set<String> MESSAGE =
            Set.of("status", "meta", "data", "binData", "strData", "jsonData", "customData");
    private static final Set<String> META = Set.of("puid", "tags", "routing", "requestPath", "metrics");
    private static final Set<String> DATA = Set.of("names", "tensor", "ndarray", "tftensor");
    private static final Set<String> STATUS = Set.of("code", "info", "reason", "status");
    private static final Set<String> METRIC = Set.of("key", "type", "value", "tags");

    private SeldonJson() {}

    /** Parses a JSON object, or throws {@link GatewayException} (400) naming what is wrong. */
    static ObjectNode parseRequest(byte[] body) {
        if (body.length == 0) {
            throw GatewayException.badRequest("empty request body: expected a SeldonMessage JSON object");
        }
        try {
            final JsonNode node = MAPPER.readTree(body);
            if (node == null || !node.isObject()) {
                throw GatewayException.badRequest("request body must be a JSON object (a SeldonMessage)");
            }
            return (ObjectNode) node;
        } catch (JsonProcessingException e) {
            throw GatewayException.badRequest(
                    "invalid JSON at line " + e.getLocation().getLineNr() + ", column "
                            + e.getLocation().getColumnNr() + ": " + e.getOriginalMessage());
        } catch (IOException e) {
            throw GatewayException.badRequest("unreadable request body: " + e.getMessage());
        }
    }

    /** Parses a component's answer; null when it is not a JSON object. */
    static ObjectNode parseReply(byte[] body) {
        try {
            final JsonNode node = MAPPER.readTree(body);
            return node != null && node.isObject() ? (ObjectNode) node : null;
        } catch (IOException e) {
            return null;
        }
    }

    static byte[] bytes(JsonNode node) {
        try {
            return MAPPER.writeValueAsBytes(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Removes every field outside the SeldonMessage schema, in place; returns {@code message}. */
    static ObjectNode sanitize(ObjectNode message) {
        retain(message, MESSAGE);
        if (message.get("meta") instanceof ObjectNode meta) {
            retain(meta, META);
            keepMapOf(meta, "routing", true);
            keepMapOf(meta, "requestPath", false);
            if (meta.has("tags") && !meta.get("tags").isObject()) {
                meta.remove("tags");
            }
            if (meta.has("puid") && !meta.get("puid").isTextual()) {
                meta.remove("puid");
            }
            if (meta.get("metrics") instanceof ArrayNode metrics) {
                for (final JsonNode metric : metrics) {
                    if (metric instanceof ObjectNode m) {
                        retain(m, METRIC);
                    }
                }
            } else {
                meta.remove("metrics");
            }
        } else {
            message.remove("meta");
        }
        if (message.get("data") instanceof ObjectNode data) {
            retain(data, DATA);
        }
        if (message.get("status") instanceof ObjectNode status) {
            retain(status, STATUS);
        }
        return message;
    }

    private static void keepMapOf(ObjectNode meta, String field, boolean ints) {
        final JsonNode map = meta.get(field);
        if (map == null) {
            return;
        }
        if (!map.isObject()) {
            meta.remove(field);
            return;
        }
        final Iterator<Map.Entry<String, JsonNode>> it = map.fields();
        while (it.hasNext()) {
            final JsonNode v = it.next().getValue();
            if (ints ? !v.canConvertToInt() || !v.isIntegralNumber() : !v.isTextual()) {
                it.remove();
            }
        }
    }

    private static void retain(ObjectNode node, Set<String> allowed) {
        node.retain(allowed);
    }

    /** Seldon's error body: {@code {"status":{"code","info","reason","status":"FAILURE"}}}. */
    static ObjectNode failure(int code, String reason, String info) {
        final ObjectNode root = NODES.objectNode();
        final ObjectNode status = root.putObject("status");
        status.put("code", code);
        status.put("info", info);
        status.put("reason", reason);
        status.put("status", "FAILURE");
        return root;
    }
}
