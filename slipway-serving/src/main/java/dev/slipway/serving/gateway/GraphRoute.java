package dev.slipway.serving.gateway;

import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * A graph node as the gateway executes it.
 *
 * @param name the node's name ({@code meta.requestPath} key)
 * @param image what {@code meta.requestPath} says it runs (implementation or image)
 * @param steps what the node is called for, in Seldon's order
 * @param children its children
 * @param pool its ready replicas
 * @param logger its request logging, or null for none
 */
public record GraphRoute(
        String name, String image, Set<Step> steps, List<GraphRoute> children, ReplicaPool pool, NodeLogger logger) {

    /** A node without request logging. */
    public GraphRoute(String name, String image, Set<Step> steps, List<GraphRoute> children, ReplicaPool pool) {
        this(name, image, steps, children, pool, null);
    }

    public GraphRoute {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(image, "image");
        Objects.requireNonNull(pool, "pool");
        steps = Set.copyOf(steps);
        children = List.copyOf(children);
    }
}
