package dev.slipway.console.view;

import java.util.List;

/**
 * A deployment the gateway routes, with its recent traffic.
 *
 * @param ready true when every replica is ready
 */
public record DeploymentRow(String namespace, String name, boolean ready, List<ReplicaRow> replicas, Traffic traffic) {

    public DeploymentRow {
        replicas = List.copyOf(replicas);
    }

    /**
     * The names of its graph nodes, in the order its replicas list them (the root first): what an Open Inference v2
     * request names as its model, {@code /v2/models/NODE/infer}.
     */
    public List<String> models() {
        return replicas.stream()
                .map(ReplicaRow::node)
                .filter(n -> !n.isEmpty())
                .distinct()
                .toList();
    }
}
