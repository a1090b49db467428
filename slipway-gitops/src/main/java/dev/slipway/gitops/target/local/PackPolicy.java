package dev.slipway.gitops.target.local;

import dev.slipway.gitops.spec.SeldonDeployment;
import dev.slipway.support.ReplicaIdentity;
import java.util.Locale;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Decides whether a graph node's replicas are packed into the shared server processes: the deployment asks for it
 * ({@link PackConfig#all()} or its {@value PackConfig#ANNOTATION} annotation), and the node is one a shared process
 * can honour — a built-in runtime ({@link #RUNTIMES}: in-process Java, no custom class or image), a local model
 * ({@code file:} or a path: a packed server loads local models only), and no container environment of its own (a
 * shared JVM has one environment, heap and set of JVM options for all its models).
 */
final class PackPolicy {

    /** The runtimes a packed server hosts (the same list as {@code PackedModels.RUNTIMES} in slipway-serving). */
    static final Set<String> RUNTIMES = Set.of("SKLEARN_SERVER", "XGBOOST_SERVER", "ONNX_SERVER", "MLFLOW_SERVER");

    /** What the planner puts in every launch's environment (the predictor's labels, the node's image): not the user's. */
    private static final Set<String> PLANNED_ENV =
            Set.of(ReplicaIdentity.PREDICTOR_LABELS_ENV, ReplicaIdentity.IMAGE_ENV);

    private final PackConfig config;

    PackPolicy(PackConfig config) {
        this.config = config;
    }

    /** Whether {@code deployment} asks for packing: its annotation when set, else {@code --pack-models}. */
    boolean requested(SeldonDeployment deployment) {
        final String value = deployment
                .metadata()
                .annotations()
                .getOrDefault(
                        PackConfig.ANNOTATION, deployment.spec().annotations().get(PackConfig.ANNOTATION));
        return value == null ? config.all() : value.strip().equalsIgnoreCase("true");
    }

    /** Why {@code launch} cannot be packed, or null when it can. */
    static @Nullable String whyNot(LaunchSpec launch) {
        if (launch.implementation() == null || !RUNTIMES.contains(launch.implementation())) {
            return "implementation " + (launch.implementation() == null ? "(custom server)" : launch.implementation())
                    + " is not one of the built-in runtimes a shared process hosts "
                    + new java.util.TreeSet<>(RUNTIMES);
        }
        if (launch.modelUri() == null || launch.modelUri().isBlank()) {
            return "no modelUri";
        }
        final String uri = launch.modelUri().strip();
        if (!uri.toLowerCase(Locale.ROOT).startsWith("file:") && uri.matches("^[A-Za-z][A-Za-z0-9+.-]*:.*")) {
            return "modelUri '" + uri + "' is remote (a shared process loads local models only)";
        }
        final Set<String> own = new java.util.TreeSet<>(launch.env().keySet());
        own.removeAll(PLANNED_ENV);
        if (!own.isEmpty()) {
            return "its container sets env " + own + ", which a process shared with other models cannot honour";
        }
        return null;
    }
}
