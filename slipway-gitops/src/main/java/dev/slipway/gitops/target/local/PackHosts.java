package dev.slipway.gitops.target.local;

import dev.slipway.gitops.target.ReplicaKey;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/**
 * The bounded group of shared server processes of one local runtime ({@link PackConfig#processes()} at most),
 * started as models need them. A new packed replica goes to the process holding the fewest replicas of its own node
 * (so a node's replicas land on different processes while there are several), then the fewest models; a process
 * is started only when every running one already hosts something.
 */
final class PackHosts {

    private final int max;
    private final Function<Integer, PackHost> factory;
    private final List<PackHost> hosts = new ArrayList<>();
    private final AtomicLong names = new AtomicLong();

    /** @param factory makes host number {@code i} (not started: a host starts with its first model) */
    PackHosts(int max, Function<Integer, PackHost> factory) {
        this.max = max;
        this.factory = factory;
    }

    /** The host for a new replica, counted there at once (so that concurrent placements spread too). */
    synchronized PackHost place(PackedReplica replica) {
        final PackHost host = choose(replica.key());
        host.reserve(replica);
        return host;
    }

    private PackHost choose(ReplicaKey key) {
        final PackHost best = hosts.stream()
                .min(Comparator.comparingLong((PackHost h) -> h.sameNode(key)).thenComparingInt(PackHost::size))
                .orElse(null);
        if (best == null || hosts.size() < max && best.size() > 0) {
            final PackHost fresh = factory.apply(hosts.size());
            hosts.add(fresh);
            return fresh;
        }
        return best;
    }

    /**
     * A model name for {@code key}'s replica, unique in this runtime: its key's parts (letters, digits, '.', '_' and
     * '-' only) and a sequence number, at most 128 characters as the repository API allows.
     */
    String modelName(ReplicaKey key) {
        final String readable = (key.namespace() + "." + key.deployment() + "." + key.predictor() + "." + key.node()
                        + "." + key.replica())
                .replaceAll("[^A-Za-z0-9._-]", "-")
                .replaceAll("^[^A-Za-z0-9]+", "m");
        final String suffix = "-" + names.incrementAndGet();
        return (readable.length() + suffix.length() > 128 ? readable.substring(0, 128 - suffix.length()) : readable)
                + suffix;
    }

    /** The hosts started so far. */
    synchronized List<PackHost> hosts() {
        return List.copyOf(hosts);
    }
}
