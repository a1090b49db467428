package dev.slipway.controlplane;

import dev.slipway.gitops.spec.SeldonDeployment;
import dev.slipway.gitops.target.ReplicaKey;
import dev.slipway.gitops.target.RuntimeListener;
import dev.slipway.serving.gateway.DeploymentRegistry;
import dev.slipway.serving.gateway.ReplicaAddress;
import java.time.Duration;
import org.jspecify.annotations.Nullable;

/** Tells the gateway what the runtime does: replicas in and out of the pools, routes in and out. */
final class GatewayBridge implements RuntimeListener {

    private final DeploymentRegistry routes;
    private final RouteMapper mapper;
    private final Duration maxDrain;

    GatewayBridge(DeploymentRegistry routes, Duration maxDrain) {
        this(routes, maxDrain, false);
    }

    GatewayBridge(DeploymentRegistry routes, Duration maxDrain, boolean logAllExternally) {
        this.routes = routes;
        this.mapper = new RouteMapper(routes, logAllExternally);
        this.maxDrain = maxDrain;
    }

    @Override
    public void replicaReady(ReplicaKey key, String host, int port) {
        replicaReady(key, host, port, null);
    }

    @Override
    public void replicaReady(ReplicaKey key, String host, int port, @Nullable String socket) {
        replicaReady(key, host, port, socket, "");
    }

    @Override
    public void replicaReady(ReplicaKey key, String host, int port, @Nullable String socket, String pathPrefix) {
        pool(key).add(new ReplicaAddress(key.replica(), host, port, socket, pathPrefix));
    }

    @Override
    public void replicaUnavailable(ReplicaKey key) {
        pool(key).remove(key.replica());
    }

    @Override
    public void drain(ReplicaKey key) {
        pool(key).drain(key.replica(), maxDrain);
    }

    @Override
    public void deploymentChanged(SeldonDeployment deployment) {
        routes.put(mapper.route(deployment));
    }

    @Override
    public void deploymentRemoved(String namespace, String name) {
        routes.remove(namespace, name);
    }

    private dev.slipway.serving.gateway.ReplicaPool pool(ReplicaKey key) {
        return routes.pool(key.namespace(), key.deployment(), key.predictor(), key.node());
    }
}
