package dev.slipway.cli.backend;

import dev.slipway.api.LogQuery;
import dev.slipway.controlplane.ControlPlane;
import dev.slipway.gitops.logs.LogTail;
import dev.slipway.gitops.logs.ReplicaLogs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.function.Predicate;

/** The logs in a {@code slipway up} data folder on this machine ({@code DATA/logs/NS/NAME/…}, {@code DATA/slipway-up.log}). */
public final class LocalLogs implements LogsBackend {

    private final Path data;
    private final Clock clock;

    public LocalLogs(Path data, Clock clock) {
        this.data = data;
        this.clock = clock;
    }

    @Override
    public void deployment(String namespace, String name, LogQuery query, Predicate<String> lines)
            throws InterruptedException {
        final ReplicaLogs logs = new ReplicaLogs(data);
        if (!logs.exists(namespace, name)) {
            throw new IllegalArgumentException("no logs of deployment " + namespace + "/" + name + " in "
                    + logs.folder(namespace, name).getParent().getParent()
                    + " (slipway up --data-dir, or --server for a remote one)");
        }
        new LogTail()
                .run(
                        () -> logs.sources(namespace, name, query.node(), query.replica()),
                        since(query),
                        query.follow(),
                        lines::test);
    }

    @Override
    public void controlPlane(LogQuery query, Predicate<String> lines) throws InterruptedException {
        final Path log = ControlPlane.logFile(data);
        if (!Files.exists(log)) {
            throw new IllegalArgumentException(
                    "no control plane log " + log + " (has slipway up run with --data-dir " + data + "?)");
        }
        new LogTail().run(() -> List.of(new LogTail.Source(log, "")), since(query), query.follow(), lines::test);
    }

    private Instant since(LogQuery query) {
        return query.since() == null ? null : clock.instant().minus(query.since());
    }
}
