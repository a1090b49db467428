package dev.slipway.serving.gateway;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One ready replica of a graph node.
 *
 * @param id unique within its pool
 * @param host its host
 * @param port its port
 * @param socket a Unix domain socket it also answers on (a local replica), which the gateway prefers when its own
 *     transport is native; null: none
 * @param pathPrefix where its routes are on that server: empty for a server of its own, {@code /models/NAME} for one
 *     model of a server hosting several (a packed replica); every request path is sent under it
 */
public record ReplicaAddress(
        String id, String host, int port, @Nullable String socket, String pathPrefix) {

    public ReplicaAddress {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(pathPrefix, "pathPrefix");
    }

    /** A replica with a server of its own. */
    public ReplicaAddress(String id, String host, int port, @Nullable String socket) {
        this(id, host, port, socket, "");
    }

    /** A replica reached on {@code host:port} only. */
    public ReplicaAddress(String id, String host, int port) {
        this(id, host, port, null);
    }
}
