package dev.slipway.gitops.target.local;

import dev.slipway.artifact.ArtifactRef;
import dev.slipway.gitops.spec.ComponentSpec;
import dev.slipway.gitops.spec.Container;
import dev.slipway.gitops.spec.GraphNode;
import dev.slipway.gitops.spec.Manifest;
import dev.slipway.gitops.spec.Parameter;
import dev.slipway.gitops.spec.PredictorSpec;
import dev.slipway.gitops.spec.SeldonDeployment;
import dev.slipway.gitops.spec.SpecException;
import dev.slipway.support.Problem;
import dev.slipway.support.ReplicaIdentity;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Turns a deployment into one {@link NodePlan} per graph node. Replicas: the node's component spec, else the
 * predictor's, else the deployment's, else 1. A node without {@code implementation} runs a custom server named
 * by its container: env {@code SLIPWAY_MODEL_CLASS} (+ {@code SLIPWAY_MODEL_CLASSPATH}) or args
 * {@code --class X [--classpath Y]}, or the artifact its {@code image} ({@code NAME:VERSION}) names when it gives
 * no classpath (resolved when the replica starts; see {@link ImageLaunches}).
 */
final class LocalPlanner {

    /** The types of a custom node's non-STRING parameters, {@code name:TYPE,…}, for the PYTHON runtime. */
    static final String PARAMETER_TYPES_ENV = "SLIPWAY_PARAMETER_TYPES";

    private final boolean images;

    /** @param images whether container images can be resolved (the runtime has an artifact store) */
    LocalPlanner(boolean images) {
        this.images = images;
    }

    /** The annotation that turns on every replica's access log ({@code "true"}), on metadata or spec. */
    public static final String ACCESS_LOG_ANNOTATION = "slipway.dev/access-log";
    /** What the model server reads to turn its access log on ({@code slipway serve --access-log}). */
    static final String ACCESS_LOG_ENV = "SLIPWAY_ACCESS_LOG";

    private static boolean accessLog(SeldonDeployment d) {
        return "true".equalsIgnoreCase(d.metadata().annotations().getOrDefault(ACCESS_LOG_ANNOTATION, ""))
                || "true".equalsIgnoreCase(d.spec().annotations().getOrDefault(ACCESS_LOG_ANNOTATION, ""));
    }

    List<NodePlan> plan(Manifest manifest) {
        final SeldonDeployment d = manifest.deployment();
        final List<NodePlan> plans = new ArrayList<>();
        final List<Problem> problems = new ArrayList<>();
        for (int i = 0; i < d.predictors().size(); i++) {
            final PredictorSpec p = d.predictors().get(i);
            collect(manifest.source(), d, p, p.graph(), "spec.predictors[" + i + "].graph", plans, problems);
        }
        if (!problems.isEmpty()) {
            throw new SpecException(problems);
        }
        return plans;
    }

    private void collect(
            String source,
            SeldonDeployment d,
            PredictorSpec p,
            GraphNode node,
            String path,
            List<NodePlan> plans,
            List<Problem> problems) {
        final Optional<ComponentSpec.Located> located = p.container(node.name());
        final Map<String, String> env = new LinkedHashMap<>();
        String modelClass = null;
        String classpath = null;
        if (located.isPresent()) {
            final Container c = located.get().container();
            env.putAll(c.env());
            env.remove(Container.MODEL_CLASS_ENV);
            env.remove(Container.MODEL_CLASSPATH_ENV);
            modelClass = c.modelClass().orElse(null);
            classpath = c.modelClasspath().orElse(null);
        }
        final boolean prepackaged =
                node.implementation() != null && !node.implementation().equals("UNKNOWN_IMPLEMENTATION");
        String image = null;
        if (!prepackaged
                && classpath == null
                && located.isPresent()
                && located.get().container().image() != null) {
            image = located.get().container().image();
            if (!ArtifactRef.isReference(image)) {
                if (modelClass == null) {
                    problems.add(Problem.of(
                            source,
                            path,
                            "container '" + node.name() + "': image '" + image
                                    + "' is not an artifact reference NAME:VERSION that the local runtime can run (publish the server with"
                                    + " slipway artifact push NAME:VERSION JAR…, or set env "
                                    + Container.MODEL_CLASS_ENV + " and "
                                    + Container.MODEL_CLASSPATH_ENV + ")"));
                }
                image = null;
            }
        }
        if (!prepackaged && modelClass == null && image != null && !images) {
            problems.add(Problem.of(
                    source,
                    path,
                    "node '" + node.name() + "' runs container image '" + image
                            + "', which this runtime cannot run: it has no artifact store (start slipway up, which has one), or set env "
                            + Container.MODEL_CLASS_ENV + " (and " + Container.MODEL_CLASSPATH_ENV + ") on container '"
                            + node.name()
                            + "'"));
        }
        if (!prepackaged
                && modelClass == null
                && image == null
                && !located.map(l -> l.container().image() != null).orElse(false)) {
            problems.add(Problem.of(
                    source,
                    path,
                    "node '" + node.name() + "' has no implementation, no image and no "
                            + "class: set image: NAME:VERSION (a published artifact) or env "
                            + Container.MODEL_CLASS_ENV
                            + " (and " + Container.MODEL_CLASSPATH_ENV + ") on container '" + node.name() + "'"));
        }
        final List<String> params = new ArrayList<>();
        final List<String> types = new ArrayList<>();
        for (final Parameter parameter : node.parameters()) {
            params.add(parameter.name() + "=" + parameter.value());
            if (parameter.type() != Parameter.Type.STRING) {
                types.add(parameter.name() + ":" + parameter.type());
            }
        }
        if (accessLog(d)) {
            env.put(ACCESS_LOG_ENV, "true");
        }
        if ((!prepackaged || LaunchSpec.PYTHON_RUNTIME.equals(node.implementation())) && !types.isEmpty()) {
            // a Python model class gets its constructor arguments typed, as Seldon's wrapper types them
            env.put(PARAMETER_TYPES_ENV, String.join(",", types));
        }
        // what Seldon's operator puts on every container: the predictor's labels and the node's image (metrics labels)
        final String containerImage = located.map(l -> l.container().image()).orElse(null);
        final String runs = prepackaged && node.implementation() != null
                ? node.implementation()
                : containerImage != null ? containerImage : modelClass != null ? modelClass : "";
        final Map<String, String> unit =
                new ReplicaIdentity("", "", "", p.labels().getOrDefault("version", ""), "", runs, "").environment();
        env.put(ReplicaIdentity.PREDICTOR_LABELS_ENV, unit.get(ReplicaIdentity.PREDICTOR_LABELS_ENV));
        env.put(ReplicaIdentity.IMAGE_ENV, unit.get(ReplicaIdentity.IMAGE_ENV));
        final LaunchSpec launch = new LaunchSpec(
                node.name(),
                prepackaged ? node.implementation() : null,
                node.modelUri(),
                params,
                prepackaged ? null : modelClass,
                prepackaged ? null : classpath,
                env,
                prepackaged ? null : image);
        plans.add(new NodePlan(p.name(), node.name(), d.replicas(p, node.name()), launch));
        for (int i = 0; i < node.children().size(); i++) {
            collect(source, d, p, node.children().get(i), path + ".children[" + i + "]", plans, problems);
        }
    }
}
