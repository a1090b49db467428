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
}
