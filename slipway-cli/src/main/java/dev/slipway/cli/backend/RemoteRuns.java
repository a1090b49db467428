package dev.slipway.cli.backend;

import dev.slipway.api.Run;
import dev.slipway.api.RunSummary;
import dev.slipway.client.SlipwayClient;
import dev.slipway.client.SlipwayException;
import java.util.List;
import java.util.Objects;

/** The runs of a {@code slipway up}, through its API. */
public final class RemoteRuns implements RunsBackend {

    private final SlipwayClient client;

    public RemoteRuns(SlipwayClient client) {
        this.client = Objects.requireNonNull(client, "client");
    }

    @Override
    public String where() {
        return client.url();
    }

    @Override
    public List<RunSummary> list() {
        return client.runs();
    }

    @Override
    public List<RunSummary> list(dev.slipway.api.RunFilter filter) {
        return client.runs(filter);
    }

    @Override
    public Run get(String id) {
        try {
            return client.run(id);
        } catch (SlipwayException e) {
            if (e.status() == 404) {
                throw new IllegalArgumentException(
                        "no run '" + id + "' on " + client.url() + " (slipway pipeline list shows the runs)", e);
            }
            throw e;
        }
    }

    @Override
    public String record(String id) {
        return client.runRecord(get(id).id());
    }

    @Override
    public byte[] log(String id) {
        return client.runLog(id);
    }

    @Override
    public boolean ended(String id) {
        return client.run(id).done();
    }

    @Override
    public boolean orphaned(Run run) {
        return false; // the server's runs run in the server
    }

    @Override
    public String cancel(String id) {
        final String full = get(id).id();
        try {
            client.cancelRun(full);
        } catch (SlipwayException e) {
            if (e.status() == 409) {
                throw new IllegalStateException(e.getMessage(), e);
            }
            throw e;
        }
        return "cancellation of run " + full + " requested";
    }
}
