package dev.slipway.gitops.spec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Turns each graph node whose {@code implementation} names a registered server into a custom node, as Seldon's
 * operator turns {@code predictor_servers} into containers: the implementation is removed, the container named
 * after the node gets the server's {@code image} (unless it names one) and {@code SLIPWAY_MODEL_CLASS} (unless it
 * names a class). The node keeps its {@code modelUri} and parameters. What the resolved manifest says is what
 * runs; manifests written by {@code slipway promote} carry the image pinned ({@link #pin}), so registering a new
 * version changes only the deployments promoted after it.
 */
public final class ServerExpansion {

    private final ServerRegistry servers;
    private final boolean keepImplementation;

    ServerExpansion(ServerRegistry servers) {
        this(servers, false);
    }

    private ServerExpansion(ServerRegistry servers, boolean keepImplementation) {
        this.servers = servers;
        this.keepImplementation = keepImplementation;
    }

    /**
     * Pins what {@code implementation: NAME} means today into the manifest (what {@code slipway promote} writes): the
     * node keeps its {@code implementation}, and the container named after it gets the registered image and class
     * unless it names its own. A later registration of a new version then changes no environment by itself: it reaches
     * one only through a promotion (and, where required, its approval).
     */
    public static void pin(JsonNode root, ServerRegistry servers) {
        new ServerExpansion(servers, true).expand(root);
    }

    void expand(JsonNode root) {
        if (servers.isEmpty()) {
            return;
        }
        final JsonNode predictors = root.path("spec").path("predictors");
        for (int i = 0; predictors.isArray() && i < predictors.size(); i++) {
            if (predictors.get(i).isObject()) {
                node((ObjectNode) predictors.get(i), predictors.get(i).path("graph"));
            }
        }
    }

    private void node(ObjectNode predictor, JsonNode node) {
        if (!node.isObject()) {
            return;
        }
        final JsonNode impl = node.get("implementation");
        if (impl != null && impl.isTextual() && node.path("name").isTextual()) {
            servers.find(impl.asText()).ifPresent(server -> {
                if (!keepImplementation) {
                    ((ObjectNode) node).remove("implementation");
                }
                container(predictor, node.path("name").asText(), server);
            });
        }
        node.path("children").forEach(child -> node(predictor, child));
    }

    private static void container(ObjectNode predictor, String name, RegisteredServer server) {
        ObjectNode found = null;
        final JsonNode components = predictor.path("componentSpecs");
        for (final JsonNode c : components) {
            for (final JsonNode k : c.path("spec").path("containers")) {
                if (k.isObject() && name.equals(k.path("name").asText())) {
                    found = (ObjectNode) k;
                }
            }
        }
        if (found == null) {
            final ArrayNode list = components.isArray() ? (ArrayNode) components : predictor.putArray("componentSpecs");
            final ObjectNode component =
                    list.isEmpty() || !list.get(0).isObject() ? list.addObject() : (ObjectNode) list.get(0);
            final JsonNode spec = component.path("spec");
            final ObjectNode specNode = spec.isObject() ? (ObjectNode) spec : component.putObject("spec");
            final JsonNode containers = specNode.path("containers");
            final ArrayNode containerList =
                    containers.isArray() ? (ArrayNode) containers : specNode.putArray("containers");
            found = containerList.addObject();
            found.put("name", name);
        }
        if (!found.path("image").isTextual()) {
            found.put("image", server.image());
        }
        if (server.modelClass() != null && !names(found)) {
            final JsonNode env = found.path("env");
            final ArrayNode envList = env.isArray() ? (ArrayNode) env : found.putArray("env");
            envList.addObject().put("name", Container.MODEL_CLASS_ENV).put("value", server.modelClass());
        }
    }

    /** True when the container already names its class (env or args). */
    private static boolean names(ObjectNode container) {
        for (final JsonNode e : container.path("env")) {
            if (Container.MODEL_CLASS_ENV.equals(e.path("name").asText())) {
                return true;
            }
        }
        for (final JsonNode a : container.path("args")) {
            if (a.asText().equals("--class") || a.asText().startsWith("--class=")) {
                return true;
            }
        }
        return false;
    }
}
