package dev.slipway.cli.backend;

import dev.slipway.api.ChangeResult;
import dev.slipway.api.EnvironmentStatus;
import dev.slipway.api.HistoryEntry;
import dev.slipway.api.Promotion;
import dev.slipway.api.RollbackRequest;
import dev.slipway.api.ServerRegistration;
import dev.slipway.api.ServerReport;
import dev.slipway.client.SlipwayClient;
import dev.slipway.client.SlipwayException;
import java.util.List;
import java.util.Objects;

/** The GitOps repository a {@code slipway up} follows, through its API. */
public final class RemoteGitOps implements GitOpsBackend {

    private final SlipwayClient client;

    public RemoteGitOps(SlipwayClient client) {
        this.client = Objects.requireNonNull(client, "client");
    }

    @Override
    public List<Promotion> promotions(String env, String state) {
        return client.promotions(env, state);
    }

    @Override
    public Promotion promotion(String id) {
        return client.promotion(id);
    }

    @Override
    public Promotion approve(String id, String user) {
        return client.approve(id, user);
    }

    @Override
    public Promotion reject(String id, String user, String reason) {
        return client.reject(id, user, reason);
    }

    @Override
    public List<EnvironmentStatus> status(String env) {
        return env == null ? client.environments() : List.of(client.environment(env));
    }

    @Override
    public List<HistoryEntry> history(String env, String application) {
        return client.history(env, application);
    }

    @Override
    public ChangeResult rollback(String env, RollbackRequest request) {
        return client.rollback(env, request);
    }

    @Override
    public EnvironmentStatus sync(String env, String application) {
        return client.sync(env, application);
    }

    @Override
    public ServerRegistration.Result register(ServerRegistration registration) {
        return client.registerServer(registration);
    }

    @Override
    public List<ServerReport> servers() {
        return client.servers(true).usage();
    }

    @Override
    public ServerReport server(String name) {
        try {
            return client.server(name);
        } catch (SlipwayException e) {
            if (e.status() == 404) {
                throw new IllegalArgumentException(e.getMessage(), e);
            }
            throw e;
        }
    }

    @Override
    public void close() {
        // nothing held: every call is one request
    }
}
