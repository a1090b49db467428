package dev.slipway.gitops.spec;

import dev.slipway.support.DnsLabel;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * The semantic rules of a SeldonDeployment (after {@link SpecMapper} checked its shape): names, graph,
 * replicas, traffic, implementations, and the container each implementation-less node needs.
 */
public final class SpecValidator {

    /**
     * The prepackaged servers Slipway runs; {@code PYTHON} serves the Seldon Python model class found in its
     * {@code modelUri} (docs/python.md).
     */
    public static final Set<String> DEFAULT_IMPLEMENTATIONS =
            Set.of("SKLEARN_SERVER", "ONNX_SERVER", "XGBOOST_SERVER", "MLFLOW_SERVER", "PYTHON");

    /** Seldon implementations that Slipway knows of but does not run. */
    private static final Map<String, String> UNSUPPORTED = Map.of(
            "TENSORFLOW_SERVER", "TensorFlow Serving is not available in Slipway",
            "TRITON_SERVER", "Triton is not available in Slipway",
            "HUGGINGFACE_SERVER", "the Hugging Face server is not available in Slipway",
            "TEMPO_SERVER", "Tempo is not available in Slipway",
            "SIMPLE_MODEL", "Seldon's built-in test units are not available in Slipway",
            "SIMPLE_ROUTER", "Seldon's built-in test units are not available in Slipway",
            "RANDOM_ABTEST", "use two predictors with traffic weights instead",
            "AVERAGE_COMBINER", "use a COMBINER model instead");

    private static final Pattern NODE_NAME = Pattern.compile("[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?");

    private final Set<String> implementations;

    /** A validator accepting {@code implementations} as prepackaged server names. */
    public SpecValidator(Set<String> implementations) {
        this.implementations = Set.copyOf(implementations);
    }

    /** True for a Seldon implementation name Slipway knows of but does not run. */
    static boolean isSeldonName(String name) {
        return UNSUPPORTED.containsKey(name);
    }

    /** The implementation names this validator accepts. */
    public Set<String> implementations() {
        return implementations;
    }

    /** A validator that also accepts {@code more} names. */
    public SpecValidator withImplementations(Set<String> more) {
        final Set<String> all = new HashSet<>(implementations);
        all.addAll(more);
        return new SpecValidator(all);
    }

    /** A validator for Slipway's built-in servers. */
    public SpecValidator() {
        this(DEFAULT_IMPLEMENTATIONS);
    }

    /** Reports every broken rule of {@code d} into {@code fields}. */
    void validate(SeldonDeployment d, Fields fields) {
        final String name = d.metadata().name();
        if (name == null || name.isEmpty()) {
            fields.error("metadata.name", "is required");
        } else if (!DnsLabel.valid(name)) {
            fields.error(
                    "metadata.name",
                    "must be a DNS label (lower-case letters, digits and '-', at most 63), found '" + name + "'");
        }
        final String ns = d.metadata().namespace();
        if (ns != null && (!DnsLabel.valid(ns))) {
            fields.error("metadata.namespace", "must be a DNS label, found '" + ns + "'");
        }
        final DeploymentSpec spec = d.spec();
        nonNegative(spec.replicas(), "spec.replicas", fields);
        if (spec.protocol() != null
                && !spec.protocol().equals("seldon")
                && !spec.protocol().equals("v2")) {
            fields.error("spec.protocol", "must be seldon or v2 for Slipway, found '" + spec.protocol() + "'");
        }
        if ("grpc".equals(spec.transport())) {
            fields.warn("spec.transport", "the local gateway serves REST only; gRPC is ignored");
        } else if (spec.transport() != null && !spec.transport().equals("rest")) {
            fields.error("spec.transport", "must be rest or grpc, found '" + spec.transport() + "'");
        }
        if ("kafka".equals(spec.serverType())) {
            fields.error("spec.serverType", "kafka is not supported by Slipway; use rpc");
        }
        final String timeout = spec.annotations().get(SeldonDeployment.REST_TIMEOUT_ANNOTATION);
        if (timeout != null) {
            positiveMillis(timeout, "spec.annotations[" + SeldonDeployment.REST_TIMEOUT_ANNOTATION + "]", fields);
        }
        if (spec.predictors().isEmpty()) {
            fields.error("spec.predictors", "at least one predictor is required");
            return;
        }
        predictors(spec.predictors(), fields);
    }

    private void predictors(List<PredictorSpec> predictors, Fields fields) {
        final Set<String> names = new HashSet<>();
        int nonShadow = 0;
        int trafficSum = 0;
        int lastNonShadow = -1;
        for (int i = 0; i < predictors.size(); i++) {
            final PredictorSpec p = predictors.get(i);
            final String path = "spec.predictors[" + i + "]";
            if (p.name() == null || p.name().isEmpty()) {
                fields.error(path + ".name", "is required");
            } else if (!names.add(p.name())) {
                fields.error(path + ".name", "duplicate predictor name '" + p.name() + "'");
            } else if (!NODE_NAME.matcher(p.name()).matches()) {
                fields.error(path + ".name", "must be letters, digits, '-', '_' or '.', found '" + p.name() + "'");
            }
            nonNegative(p.replicas(), path + ".replicas", fields);
            if (p.traffic() < 0 || p.traffic() > 100) {
                fields.error(path + ".traffic", "must be between 0 and 100, found " + p.traffic());
            }
            if (!p.shadow()) {
                nonShadow++;
                trafficSum += p.traffic();
                lastNonShadow = i;
            }
            final String timeout = p.annotations().get(SeldonDeployment.REST_TIMEOUT_ANNOTATION);
            if (timeout != null) {
                positiveMillis(
                        timeout, path + ".annotations[" + SeldonDeployment.REST_TIMEOUT_ANNOTATION + "]", fields);
            }
            for (int c = 0; c < p.componentSpecs().size(); c++) {
                nonNegative(p.componentSpecs().get(c).replicas(), path + ".componentSpecs[" + c + "].replicas", fields);
            }
            if (p.graph() == null) {
                fields.error(path + ".graph", "is required");
            } else {
                graph(p, path, fields);
            }
        }
        if (nonShadow == 0) {
            fields.error("spec.predictors", "at least one predictor must not be a shadow");
        } else if (nonShadow > 1 && trafficSum != 100) {
            fields.error(
                    "spec.predictors[" + lastNonShadow + "].traffic",
                    "traffic of non-shadow predictors must sum to 100, found " + trafficSum);
        } else if (nonShadow == 1 && trafficSum != 0 && trafficSum != 100) {
            fields.error(
                    "spec.predictors[" + lastNonShadow + "].traffic",
                    "the only non-shadow predictor takes all traffic: use 100 or leave it unset, found " + trafficSum);
        }
    }

    private void graph(PredictorSpec p, String predictorPath, Fields fields) {
        final Set<String> seen = new HashSet<>();
        node(p, p.graph(), predictorPath + ".graph", seen, fields);
        final Set<String> containerNames = new HashSet<>();
        for (int c = 0; c < p.componentSpecs().size(); c++) {
            final List<Container> containers = p.componentSpecs().get(c).containers();
            for (int k = 0; k < containers.size(); k++) {
                if (!containerNames.add(containers.get(k).name())) {
                    fields.error(
                            predictorPath + ".componentSpecs[" + c + "].spec.containers[" + k + "].name",
                            "duplicate container name '" + containers.get(k).name() + "'");
                } else if (!seen.contains(containers.get(k).name())) {
                    fields.warn(
                            predictorPath + ".componentSpecs[" + c + "].spec.containers[" + k + "]",
                            "container '" + containers.get(k).name() + "' is not a graph node; not run locally");
                }
            }
        }
    }

    private void node(PredictorSpec p, GraphNode n, String path, Set<String> seen, Fields fields) {
        if (n.name() == null || n.name().isEmpty()) {
            fields.error(path + ".name", "is required");
        } else if (!seen.add(n.name())) {
            fields.error(path + ".name", "duplicate node name '" + n.name() + "' in predictor '" + p.name() + "'");
        } else if (!NODE_NAME.matcher(n.name()).matches()) {
            fields.error(path + ".name", "must be letters, digits, '-', '_' or '.', found '" + n.name() + "'");
        }
        final Set<String> params = new HashSet<>();
        for (int i = 0; i < n.parameters().size(); i++) {
            if (!params.add(n.parameters().get(i).name())) {
                fields.error(
                        path + ".parameters[" + i + "].name",
                        "duplicate parameter '" + n.parameters().get(i).name() + "'");
            }
        }
        if (n.implementation() != null) {
            if (UNSUPPORTED.containsKey(n.implementation())) {
                fields.error(
                        path + ".implementation",
                        "'" + n.implementation() + "' is not supported: " + UNSUPPORTED.get(n.implementation()));
            } else if (!implementations.contains(n.implementation())
                    && !n.implementation().equals("UNKNOWN_IMPLEMENTATION")) {
                fields.error(
                        path + ".implementation",
                        "unknown implementation '" + n.implementation() + "' (known: "
                                + String.join(", ", new TreeSet<>(implementations)) + ")");
            }
        }
        final boolean hasImplementation =
                n.implementation() != null && !n.implementation().equals("UNKNOWN_IMPLEMENTATION");
        if (!hasImplementation && n.name() != null && p.container(n.name()).isEmpty()) {
            fields.error(
                    path,
                    "node '" + n.name() + "' has no implementation and no container named '" + n.name()
                            + "' in componentSpecs");
        }
        if (hasImplementation && n.modelUri() == null) {
            fields.error(path + ".modelUri", "is required by implementation " + n.implementation());
        }
        final NodeType type = n.effectiveType();
        if ((type == NodeType.ROUTER || type == NodeType.COMBINER)
                && n.children().isEmpty()) {
            fields.error(path + ".children", "a " + type + " needs at least one child");
        }
        for (int i = 0; i < n.children().size(); i++) {
            node(p, n.children().get(i), path + ".children[" + i + "]", seen, fields);
        }
    }

    private static void nonNegative(Integer value, String path, Fields fields) {
        if (value != null && value < 0) {
            fields.error(path, "must not be negative, found " + value);
        }
    }

    private static void positiveMillis(String value, String path, Fields fields) {
        try {
            if (Long.parseLong(value.trim()) <= 0) {
                fields.error(path, "must be a positive number of milliseconds, found '" + value + "'");
            }
        } catch (NumberFormatException e) {
            fields.error(path, "must be a number of milliseconds, found '" + value + "'");
        }
    }
}
