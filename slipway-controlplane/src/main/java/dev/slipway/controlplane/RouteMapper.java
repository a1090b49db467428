package dev.slipway.controlplane;

import dev.slipway.gitops.spec.ComponentSpec;
import dev.slipway.gitops.spec.GraphNode;
import dev.slipway.gitops.spec.NodeMethod;
import dev.slipway.gitops.spec.PredictorSpec;
import dev.slipway.gitops.spec.SeldonDeployment;
import dev.slipway.serving.gateway.DeploymentRegistry;
import dev.slipway.serving.gateway.DeploymentRoute;
import dev.slipway.serving.gateway.GraphRoute;
import dev.slipway.serving.gateway.NodeLogger;
import dev.slipway.serving.gateway.PredictorRoute;
import dev.slipway.serving.gateway.Step;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Fills the gateway's route model from a SeldonDeployment spec (the gateway knows nothing of specs). */
final class RouteMapper {

    /** Seldon's executor default when {@code seldon.io/rest-timeout} is not set is generous; so is ours. */
    static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(60);

    /** Seldon's annotation: every node's requests and responses go to the request logger. */
    static final String LOG_MESSAGES_EXTERNALLY = "seldon.io/engine-seldon-log-messages-externally";
    /** Seldon's executor variable with the same effect for every deployment. */
    static final String LOG_MESSAGES_EXTERNALLY_ENV = "SELDON_LOG_MESSAGES_EXTERNALLY";

    private final DeploymentRegistry routes;
    private final boolean logAllExternally;

    RouteMapper(DeploymentRegistry routes) {
        this(routes, false);
    }

    /** @param logAllExternally log every node of every deployment ({@value #LOG_MESSAGES_EXTERNALLY_ENV}) */
    RouteMapper(DeploymentRegistry routes, boolean logAllExternally) {
        this.routes = routes;
        this.logAllExternally = logAllExternally;
    }

    DeploymentRoute route(SeldonDeployment d) {
        final String ns = d.namespace().orElse("default");
        final List<PredictorRoute> predictors = new ArrayList<>();
        // the deployment's annotation (spec, then metadata) wins; else the longest a predictor asks for
        Duration timeout = null;
        for (final PredictorSpec p : d.predictors()) {
            final Optional<String> t = d.annotation(SeldonDeployment.REST_TIMEOUT_ANNOTATION, p);
            if (t.isPresent()) {
                final Duration asked = Duration.ofMillis(Long.parseLong(t.get().trim()));
                timeout = timeout == null || asked.compareTo(timeout) > 0 ? asked : timeout;
            }
            final boolean logAll = logAllExternally
                    || d.annotation(LOG_MESSAGES_EXTERNALLY, p)
                            .map(v -> v.trim().equalsIgnoreCase("true"))
                            .orElse(false);
            predictors.add(new PredictorRoute(
                    p.name(),
                    p.labels().getOrDefault("version", ""),
                    p.traffic(),
                    p.shadow(),
                    node(ns, d.name(), p, p.graph(), logAll)));
        }
        return new DeploymentRoute(ns, d.name(), predictors, timeout == null ? DEFAULT_TIMEOUT : timeout);
    }

    private GraphRoute node(String ns, String deployment, PredictorSpec p, GraphNode n, boolean logAll) {
        final List<GraphRoute> children = new ArrayList<>();
        n.children().forEach(c -> children.add(node(ns, deployment, p, c, logAll)));
        return new GraphRoute(
                n.name(),
                image(p, n),
                steps(n),
                children,
                routes.pool(ns, deployment, p.name(), n.name()),
                logger(n, logAll));
    }

    /** The node's own {@code logger}; else, when the deployment logs externally, all of it to the default sink. */
    static NodeLogger logger(GraphNode n, boolean logAll) {
        if (n.logger() != null) {
            return new NodeLogger(
                    NodeLogger.Mode.parse(n.logger().mode()), n.logger().url());
        }
        return logAll ? new NodeLogger(NodeLogger.Mode.ALL, null) : null;
    }

    /** What {@code meta.requestPath} names: the implementation, else the container image, else the class. */
    static String image(PredictorSpec p, GraphNode n) {
        if (n.implementation() != null && !n.implementation().equals("UNKNOWN_IMPLEMENTATION")) {
            return n.implementation();
        }
        final Optional<ComponentSpec.Located> c = p.container(n.name());
        if (c.isPresent() && c.get().container().image() != null) {
            return c.get().container().image();
        }
        return c.flatMap(l -> l.container().modelClass()).orElse(n.name());
    }

    /** Seldon's rule: the node's type decides, and explicit methods add to it. */
    static Set<Step> steps(GraphNode n) {
        final Set<Step> steps = EnumSet.noneOf(Step.class);
        switch (n.effectiveType()) {
            case MODEL -> {
                steps.add(Step.PREDICT);
                steps.add(Step.SEND_FEEDBACK);
            }
            case TRANSFORMER -> steps.add(Step.TRANSFORM_INPUT);
            case OUTPUT_TRANSFORMER -> steps.add(Step.TRANSFORM_OUTPUT);
            case ROUTER -> steps.add(Step.ROUTE);
            case COMBINER -> steps.add(Step.AGGREGATE);
            default -> {}
        }
        for (final NodeMethod m : n.methods()) {
            steps.add(
                    switch (m) {
                        case TRANSFORM_INPUT -> Step.TRANSFORM_INPUT;
                        case TRANSFORM_OUTPUT -> Step.TRANSFORM_OUTPUT;
                        case ROUTE -> Step.ROUTE;
                        case AGGREGATE -> Step.AGGREGATE;
                        case SEND_FEEDBACK -> Step.SEND_FEEDBACK;
                    });
        }
        return steps;
    }
}
