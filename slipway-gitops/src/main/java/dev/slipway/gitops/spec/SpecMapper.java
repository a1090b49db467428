package dev.slipway.gitops.spec;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Maps a manifest tree onto the record model, field by field, so every error names its path. Structural
 * problems (wrong types, bad enum values, bad parameter values) are errors; Kubernetes-only fields are
 * kept and reported as warnings.
 */
final class SpecMapper {

    static final String KIND = "SeldonDeployment";
    static final Set<String> API_VERSIONS = Set.of(
            "machinelearning.seldon.io/v1", "machinelearning.seldon.io/v1alpha2", "machinelearning.seldon.io/v1alpha3");

    private static final Set<String> TOP = Set.of("apiVersion", "kind", "metadata", "spec", "status");
    private static final Set<String> META = Set.of(
            "name",
            "namespace",
            "labels",
            "annotations",
            "generateName",
            "uid",
            "resourceVersion",
            "generation",
            "creationTimestamp",
            "selfLink",
            "deletionTimestamp",
            "deletionGracePeriodSeconds",
            "ownerReferences",
            "finalizers",
            "clusterName",
            "managedFields");
    private static final Set<String> SPEC = Set.of(
            "name",
            "predictors",
            "oauth_key",
            "oauth_secret",
            "annotations",
            "protocol",
            "transport",
            "replicas",
            "serverType");
    private static final Set<String> PREDICTOR = Set.of(
            "name",
            "graph",
            "componentSpecs",
            "replicas",
            "annotations",
            "engineResources",
            "labels",
            "svcOrchSpec",
            "traffic",
            "explainer",
            "shadow",
            "ssl");
    private static final Set<String> NODE = Set.of(
            "name",
            "children",
            "type",
            "implementation",
            "methods",
            "endpoint",
            "parameters",
            "modelUri",
            "serviceAccountName",
            "envSecretRefName",
            "storageInitializerImage",
            "logger");
    private static final Set<String> COMPONENT =
            Set.of("metadata", "spec", "hpaSpec", "replicas", "kedaSpec", "pdbSpec");
    private static final Set<String> CONTAINER_READ = Set.of("name", "image", "command", "args", "env");

    private final Fields f;

    SpecMapper(Fields fields) {
        this.f = fields;
    }

    /** The deployment, or null when {@code kind}/{@code apiVersion} are wrong (already reported). */
    SeldonDeployment map(JsonNode root) {
        f.unknownFields(root, "", TOP);
        final String kind = f.string(root, "", "kind");
        final String apiVersion = f.string(root, "", "apiVersion");
        if (!KIND.equals(kind)) {
            f.error("kind", "must be SeldonDeployment, found " + (kind == null ? "nothing" : "'" + kind + "'"));
            return null;
        }
        if (apiVersion == null || !API_VERSIONS.contains(apiVersion)) {
            f.error(
                    "apiVersion",
                    "must be one of " + String.join(", ", new java.util.TreeSet<>(API_VERSIONS)) + ", found "
                            + (apiVersion == null ? "nothing" : "'" + apiVersion + "'"));
            return null;
        }
        if (root.has("status")) {
            f.warn("status", "status is set by the runtime; ignored");
        }
        final JsonNode metaNode = f.object(root, "", "metadata");
        final ObjectMeta meta = metaNode == null
                ? new ObjectMeta(null, null, Map.of(), Map.of())
                : new ObjectMeta(
                        f.string(metaNode, "metadata", "name"),
                        f.string(metaNode, "metadata", "namespace"),
                        f.stringMap(metaNode, "metadata", "labels"),
                        f.stringMap(metaNode, "metadata", "annotations"));
        if (metaNode != null) {
            f.unknownFields(metaNode, "metadata", META);
        }
        final JsonNode specNode = f.object(root, "", "spec");
        if (specNode == null) {
            f.error("spec", "is required");
            return new SeldonDeployment(
                    apiVersion,
                    meta,
                    new DeploymentSpec(null, List.of(), Map.of(), null, null, null, null, null, null));
        }
        f.unknownFields(specNode, "spec", SPEC);
        final List<PredictorSpec> predictors = new ArrayList<>();
        final JsonNode predictorNodes = f.array(specNode, "spec", "predictors");
        for (int i = 0; i < predictorNodes.size(); i++) {
            final PredictorSpec p = predictor(predictorNodes.get(i), "spec.predictors[" + i + "]");
            if (p != null) {
                predictors.add(p);
            }
        }
        final String protocol = lower(f.string(specNode, "spec", "protocol"));
        final String transport = lower(f.string(specNode, "spec", "transport"));
        final String serverType = lower(f.string(specNode, "spec", "serverType"));
        final String oauthKey = f.string(specNode, "spec", "oauth_key");
        final String oauthSecret = f.string(specNode, "spec", "oauth_secret");
        if (oauthKey != null || oauthSecret != null) {
            f.warn("spec.oauth_key", "OAuth settings are ignored locally");
        }
        return new SeldonDeployment(
                apiVersion,
                meta,
                new DeploymentSpec(
                        f.string(specNode, "spec", "name"),
                        predictors,
                        f.stringMap(specNode, "spec", "annotations"),
                        protocol,
                        transport,
                        f.integer(specNode, "spec", "replicas"),
                        serverType,
                        oauthKey,
                        oauthSecret));
    }

    private PredictorSpec predictor(JsonNode node, String path) {
        if (!node.isObject()) {
            f.error(path, "must be an object");
            return null;
        }
        f.unknownFields(node, path, PREDICTOR);
        final JsonNode graphNode = f.object(node, path, "graph");
        final GraphNode graph = graphNode == null ? null : graphNode(graphNode, path + ".graph");
        final List<ComponentSpec> components = new ArrayList<>();
        final JsonNode componentNodes = f.array(node, path, "componentSpecs");
        for (int i = 0; i < componentNodes.size(); i++) {
            components.add(component(componentNodes.get(i), path + ".componentSpecs[" + i + "]"));
        }
        final JsonNode engineResources = keep(node, path, "engineResources", "orchestrator resources");
        final JsonNode svcOrch = keep(node, path, "svcOrchSpec", "orchestrator spec");
        final JsonNode ssl = keep(node, path, "ssl", "TLS settings");
        Explainer explainer = null;
        final JsonNode explainerNode = f.object(node, path, "explainer");
        if (explainerNode != null) {
            explainer = new Explainer(
                    f.string(explainerNode, path + ".explainer", "type"),
                    f.string(explainerNode, path + ".explainer", "modelUri"),
                    explainerNode.deepCopy());
            f.warn(path + ".explainer", "explainers are not run by the local runtime; ignored");
        }
        final Integer traffic = f.integer(node, path, "traffic");
        return new PredictorSpec(
                f.string(node, path, "name"),
                graph,
                components,
                f.integer(node, path, "replicas"),
                f.stringMap(node, path, "annotations"),
                f.stringMap(node, path, "labels"),
                traffic == null ? 0 : traffic,
                f.bool(node, path, "shadow"),
                engineResources,
                svcOrch,
                explainer,
                ssl);
    }

    private JsonNode keep(JsonNode node, String path, String field, String what) {
        final JsonNode value = node.get(field);
        if (value == null || value.isNull() || (value.isContainerNode() && value.isEmpty())) {
            return null;
        }
        f.warn(Fields.join(path, field), "Kubernetes " + what + " are ignored locally");
        return value.deepCopy();
    }

    GraphNode graphNode(JsonNode node, String path) {
        f.unknownFields(node, path, NODE);
        final String name = f.string(node, path, "name");
        final NodeType type = enumValue(NodeType.class, f.string(node, path, "type"), path + ".type");
        final List<Parameter> parameters = new ArrayList<>();
        final JsonNode paramNodes = f.array(node, path, "parameters");
        for (int i = 0; i < paramNodes.size(); i++) {
            final Parameter p = parameter(paramNodes.get(i), path + ".parameters[" + i + "]");
            if (p != null) {
                parameters.add(p);
            }
        }
        final List<GraphNode> children = new ArrayList<>();
        final JsonNode childNodes = f.array(node, path, "children");
        for (int i = 0; i < childNodes.size(); i++) {
            final String childPath = path + ".children[" + i + "]";
            if (childNodes.get(i).isObject()) {
                children.add(graphNode(childNodes.get(i), childPath));
            } else {
                f.error(childPath, "must be an object");
            }
        }
        final List<NodeMethod> methods = new ArrayList<>();
        final List<String> methodNames = f.strings(node, path, "methods");
        for (int i = 0; i < methodNames.size(); i++) {
            final NodeMethod m = enumValue(NodeMethod.class, methodNames.get(i), path + ".methods[" + i + "]");
            if (m != null) {
                methods.add(m);
            }
        }
        GraphNode.Endpoint endpoint = null;
        final JsonNode endpointNode = f.object(node, path, "endpoint");
        if (endpointNode != null) {
            final String ep = path + ".endpoint";
            endpoint = new GraphNode.Endpoint(
                    f.string(endpointNode, ep, "service_host"),
                    f.integer(endpointNode, ep, "service_port"),
                    upper(f.string(endpointNode, ep, "type")),
                    f.integer(endpointNode, ep, "httpPort"),
                    f.integer(endpointNode, ep, "grpcPort"));
            if (endpoint.type() != null && !Set.of("REST", "GRPC").contains(endpoint.type())) {
                f.error(ep + ".type", "must be REST or GRPC, found '" + endpoint.type() + "'");
            }
            f.warn(ep, "endpoints are assigned by the local runtime (loopback, free ports); ignored");
        }
        GraphNode.Logger logger = null;
        final JsonNode loggerNode = f.object(node, path, "logger");
        if (loggerNode != null) {
            logger = new GraphNode.Logger(
                    f.string(loggerNode, path + ".logger", "url"), f.string(loggerNode, path + ".logger", "mode"));
            if (logger.mode() != null && !Set.of("all", "request", "response").contains(logger.mode())) {
                f.error(path + ".logger.mode", "must be all, request or response, found '" + logger.mode() + "'");
            }
        }
        final String envSecret = f.string(node, path, "envSecretRefName");
        final String serviceAccount = f.string(node, path, "serviceAccountName");
        final String initImage = f.string(node, path, "storageInitializerImage");
        warnIfSet(envSecret, path + ".envSecretRefName", "Kubernetes secrets are not read locally; ignored");
        warnIfSet(serviceAccount, path + ".serviceAccountName", "service accounts are ignored locally");
        warnIfSet(initImage, path + ".storageInitializerImage", "models are fetched by Slipway's storage; ignored");
        return new GraphNode(
                name,
                type,
                f.string(node, path, "implementation"),
                f.string(node, path, "modelUri"),
                parameters,
                children,
                endpoint,
                methods,
                envSecret,
                serviceAccount,
                initImage,
                logger);
    }

    private void warnIfSet(String value, String path, String message) {
        if (value != null && !value.isEmpty()) {
            f.warn(path, message);
        }
    }

    private Parameter parameter(JsonNode node, String path) {
        if (!node.isObject()) {
            f.error(path, "must be an object with name, type and value");
            return null;
        }
        f.unknownFields(node, path, Set.of("name", "type", "value"));
        final String name = f.string(node, path, "name");
        final String typeName = f.string(node, path, "type");
        final String value = f.string(node, path, "value");
        if (name == null || name.isEmpty()) {
            f.error(path + ".name", "is required");
        }
        if (typeName == null) {
            f.error(path + ".type", "is required (INT, FLOAT, DOUBLE, STRING, BOOL or JSON)");
            return null;
        }
        final Parameter.Type type = enumValue(Parameter.Type.class, typeName, path + ".type");
        if (value == null) {
            f.error(path + ".value", "is required");
            return null;
        }
        if (type == null || name == null) {
            return null;
        }
        try {
            type.parse(value);
        } catch (IllegalArgumentException e) {
            f.error(path + ".value", e.getMessage());
            return null;
        }
        return new Parameter(name, type, value);
    }

    private ComponentSpec component(JsonNode node, String path) {
        if (!node.isObject()) {
            f.error(path, "must be an object");
            return new ComponentSpec(null, List.of(), null, null, null, null, null);
        }
        f.unknownFields(node, path, COMPONENT);
        final JsonNode podSpec = f.object(node, path, "spec");
        final List<Container> containers = new ArrayList<>();
        if (podSpec != null) {
            final JsonNode containerNodes = f.array(podSpec, path + ".spec", "containers");
            for (int i = 0; i < containerNodes.size(); i++) {
                final Container c = container(containerNodes.get(i), path + ".spec.containers[" + i + "]");
                if (c != null) {
                    containers.add(c);
                }
            }
            podSpec.fieldNames().forEachRemaining(name -> {
                if (!name.equals("containers")) {
                    f.warn(path + ".spec." + name, "Kubernetes pod settings are ignored locally");
                }
            });
        }
        final JsonNode hpa = keep(node, path, "hpaSpec", "autoscaler settings");
        final JsonNode keda = keep(node, path, "kedaSpec", "KEDA settings");
        final JsonNode pdb = keep(node, path, "pdbSpec", "disruption budgets");
        final JsonNode metadata =
                node.get("metadata") == null ? null : node.get("metadata").deepCopy();
        return new ComponentSpec(
                f.integer(node, path, "replicas"),
                containers,
                metadata,
                podSpec == null ? null : podSpec.deepCopy(),
                hpa,
                keda,
                pdb);
    }

    private Container container(JsonNode node, String path) {
        if (!node.isObject()) {
            f.error(path, "must be an object");
            return null;
        }
        final String name = f.string(node, path, "name");
        if (name == null || name.isEmpty()) {
            f.error(path + ".name", "is required");
            return null;
        }
        final Map<String, String> env = new LinkedHashMap<>();
        final JsonNode envNodes = f.array(node, path, "env");
        for (int i = 0; i < envNodes.size(); i++) {
            final JsonNode e = envNodes.get(i);
            final String ep = path + ".env[" + i + "]";
            final String envName = e.isObject() ? f.string(e, ep, "name") : null;
            if (envName == null) {
                f.error(ep + ".name", "is required");
            } else if (e.has("valueFrom")) {
                f.warn(ep + ".valueFrom", "values from Kubernetes objects are not available locally; ignored");
            } else {
                final String value = f.string(e, ep, "value");
                env.put(envName, value == null ? "" : value);
            }
        }
        node.fieldNames().forEachRemaining(field -> {
            if (!CONTAINER_READ.contains(field)) {
                f.warn(path + "." + field, "Kubernetes container settings are ignored locally");
            }
        });
        return new Container(
                name,
                f.string(node, path, "image"),
                f.strings(node, path, "command"),
                f.strings(node, path, "args"),
                env);
    }

    private <E extends Enum<E>> E enumValue(Class<E> type, String text, String path) {
        if (text == null) {
            return null;
        }
        for (final E constant : type.getEnumConstants()) {
            if (constant.name().equals(text)) {
                return constant;
            }
        }
        final List<String> names = new ArrayList<>();
        for (final E constant : type.getEnumConstants()) {
            names.add(constant.name());
        }
        f.error(path, "unknown value '" + text + "' (expected one of " + String.join(", ", names) + ")");
        return null;
    }

    private static String lower(String s) {
        return s == null ? null : s.toLowerCase(Locale.ROOT);
    }

    private static String upper(String s) {
        return s == null ? null : s.toUpperCase(Locale.ROOT);
    }
}
