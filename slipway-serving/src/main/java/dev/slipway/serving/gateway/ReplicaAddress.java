package dev.slipway.serving.gateway;

import java.util.Objects;

/**
 * One ready replica of a graph node.
 *
 * @param id unique within its pool
 * @param host its host
 * @param port its port
 */
public record ReplicaAddress(String id, String host, int port) {

    public ReplicaAddress {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(host, "host");
    }
}
