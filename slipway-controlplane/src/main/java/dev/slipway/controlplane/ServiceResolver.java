package dev.slipway.controlplane;

import dev.slipway.serving.gateway.ReplicaAddress;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Where the in-cluster gateway sends a node's requests: the node's {@code Service} by its cluster DNS name
 * ({@code SERVICE.NAMESPACE.svc:PORT}; kube-proxy balances over its ready pods). {@link #overriding} maps chosen
 * names to other addresses, as {@code curl --resolve} does: for a gateway run outside the cluster (a port-forward)
 * and for tests, whose "Services" are model servers on loopback ports.
 */
@FunctionalInterface
public interface ServiceResolver {

    /** The address of {@code service} in {@code namespace} on {@code port}. */
    ReplicaAddress resolve(String namespace, String service, int port);

    /** Cluster DNS: {@code SERVICE.NAMESPACE.svc:PORT}. */
    static ServiceResolver clusterDns() {
        return (namespace, service, port) -> new ReplicaAddress(service, service + "." + namespace + ".svc", port);
    }

    /**
     * Cluster DNS, except for the names in {@code overrides}: {@code SERVICE.NAMESPACE.svc:PORT=HOST:PORT} entries
     * (as {@code slipway gateway --resolve} takes them).
     *
     * @throws IllegalArgumentException naming an entry that is not of that form
     */
    static ServiceResolver overriding(List<String> overrides) {
        final Map<String, String[]> map = new TreeMap<>();
        for (final String entry : overrides) {
            final int eq = entry.indexOf('=');
            final String[] from = eq < 0 ? new String[0] : hostPort(entry.substring(0, eq));
            final String[] to = eq < 0 ? new String[0] : hostPort(entry.substring(eq + 1));
            if (from.length != 2 || to.length != 2) {
                throw new IllegalArgumentException(
                        "--resolve '" + entry + "': expected SERVICE.NAMESPACE.svc:PORT=HOST:PORT");
            }
            map.put(from[0].toLowerCase(Locale.ROOT) + ":" + from[1], to);
        }
        final ServiceResolver dns = clusterDns();
        return (namespace, service, port) -> {
            final ReplicaAddress cluster = dns.resolve(namespace, service, port);
            final String[] to = map.get(cluster.host().toLowerCase(Locale.ROOT) + ":" + port);
            return to == null ? cluster : new ReplicaAddress(service, to[0], Integer.parseInt(to[1]));
        };
    }

    private static String[] hostPort(String s) {
        final int colon = Objects.requireNonNull(s, "s").lastIndexOf(':');
        if (colon <= 0
                || colon == s.length() - 1
                || !s.substring(colon + 1).matches("[0-9]{1,5}")
                || Integer.parseInt(s.substring(colon + 1)) > 65535) {
            return new String[0];
        }
        return new String[] {s.substring(0, colon), s.substring(colon + 1)};
    }
}
