package dev.slipway.serving.gateway;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The deployments the gateway serves and the replica pools of their nodes. Pools outlive route changes (a
 * rolling update keeps a node's pool and swaps its endpoints), so they are kept here by node.
 */
public final class DeploymentRegistry {

    private final Map<String, Active> routes = new ConcurrentHashMap<>();
    private final Map<String, ReplicaPool> pools = new ConcurrentHashMap<>();

    /** A route with its traffic splitter and shadows. */
    record Active(DeploymentRoute route, TrafficSplitter splitter, List<PredictorRoute> shadows) {}

    private static String key(String namespace, String name) {
        return namespace + "/" + name;
    }

    /** The pool of one node, created when first asked for. */
    public ReplicaPool pool(String namespace, String deployment, String predictor, String node) {
        final String key = namespace + "/" + deployment + "/" + predictor + "/" + node;
        return pools.computeIfAbsent(key, ReplicaPool::new);
    }

    /** Serves {@code route} (replacing the previous one atomically). */
    public void put(DeploymentRoute route) {
        final List<PredictorRoute> nonShadow =
                route.predictors().stream().filter(p -> !p.shadow()).toList();
        final List<PredictorRoute> shadows =
                route.predictors().stream().filter(PredictorRoute::shadow).toList();
        routes.put(key(route.namespace(), route.name()), new Active(route, new TrafficSplitter(nonShadow), shadows));
    }

    /** Stops serving a deployment (its pools stay until {@link #dropPools}). */
    public void remove(String namespace, String name) {
        routes.remove(key(namespace, name));
    }

    /** Forgets the pools of a deployment that is gone. */
    public void dropPools(String namespace, String name) {
        final String prefix = key(namespace, name) + "/";
        pools.keySet().removeIf(k -> k.startsWith(prefix));
    }

    /** The route served under {@code namespace/name}. */
    public Optional<DeploymentRoute> get(String namespace, String name) {
        return Optional.ofNullable(routes.get(key(namespace, name))).map(Active::route);
    }

    Optional<Active> active(String namespace, String name) {
        return Optional.ofNullable(routes.get(key(namespace, name)));
    }
}
