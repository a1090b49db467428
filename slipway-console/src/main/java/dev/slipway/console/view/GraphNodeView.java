package dev.slipway.console.view;

import java.util.List;

/**
 * A node of a predictor's inference graph: what the spec asks for (type, server, model, replicas) beside the
 * replicas the runtime reports for it.
 *
 * @param server the prepackaged server, the custom server's image, or {@code custom server}
 * @param desired the replicas the spec asks for
 * @param replicas the replicas the runtime reports for this predictor's node
 */
public record GraphNodeView(
        String name,
        String type,
        String server,
        String modelUri,
        int desired,
        List<ReplicaRow> replicas,
        List<GraphNodeView> children) {

    public GraphNodeView {
        replicas = List.copyOf(replicas);
        children = List.copyOf(children);
    }

    /** Replicas in state Ready. */
    public long ready() {
        return replicas.stream()
                .filter(r -> "ready".equalsIgnoreCase(r.state()))
                .count();
    }
}
