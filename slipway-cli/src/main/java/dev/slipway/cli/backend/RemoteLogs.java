package dev.slipway.cli.backend;

import dev.slipway.api.LogQuery;
import dev.slipway.client.SlipwayClient;
import java.util.function.Predicate;

/** The logs of a {@code slipway up}, through its API. */
public final class RemoteLogs implements LogsBackend {

    private final SlipwayClient client;

    public RemoteLogs(SlipwayClient client) {
        this.client = client;
    }

    @Override
    public void deployment(String namespace, String name, LogQuery query, Predicate<String> lines) {
        client.deploymentLogs(namespace, name, query, lines);
    }

    @Override
    public void controlPlane(LogQuery query, Predicate<String> lines) {
        client.controlPlaneLog(query, lines);
    }
}
