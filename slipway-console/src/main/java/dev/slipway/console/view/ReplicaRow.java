package dev.slipway.console.view;

/** One replica of a graph node: where it runs and in which state. */
public record ReplicaRow(
        String predictor, String node, String replica, String state, String revision, int port, int restarts) {}
