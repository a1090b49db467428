package dev.slipway.gitops.target;

import dev.slipway.gitops.spec.SeldonDeployment;

/**
 * What a runtime tells the traffic layer (the gateway), in the order that keeps requests flowing: a new
 * replica is announced ready before an old one is drained, and a drained replica is only stopped once
 * {@link #drain} returns.
 */
public interface RuntimeListener {

    /** A replica answers on {@code host:port} and may take traffic. */
    default void replicaReady(ReplicaKey key, String host, int port) {}

    /**
     * As {@link #replicaReady(ReplicaKey, String, int)}, the replica also answering on the Unix domain socket
     * {@code socket} (null: none).
     */
    default void replicaReady(ReplicaKey key, String host, int port, @org.jspecify.annotations.Nullable String socket) {
        replicaReady(key, host, port);
    }

    /**
     * As {@link #replicaReady(ReplicaKey, String, int, String)}, for a replica that is one model of a server hosting
     * several: its routes are that server's under {@code pathPrefix} ({@code /models/NAME}; empty: at the root).
     */
    default void replicaReady(
            ReplicaKey key,
            String host,
            int port,
            @org.jspecify.annotations.Nullable String socket,
            String pathPrefix) {
        replicaReady(key, host, port, socket);
    }

    /** A replica died or is restarting: stop sending to it at once. */
    default void replicaUnavailable(ReplicaKey key) {}

    /** Stop sending new requests to a replica and return when its in-flight requests have finished. */
    default void drain(ReplicaKey key) {}

    /** The deployment's graph or traffic changed; every node it names has ready replicas announced. */
    default void deploymentChanged(SeldonDeployment deployment) {}

    /** The deployment no longer takes traffic (called before its replicas are drained). */
    default void deploymentRemoved(String namespace, String name) {}

    /** A listener that ignores everything. */
    static RuntimeListener none() {
        return new RuntimeListener() {};
    }
}
