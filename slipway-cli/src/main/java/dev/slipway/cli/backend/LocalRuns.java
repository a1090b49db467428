package dev.slipway.cli.backend;

import dev.slipway.api.Run;
import dev.slipway.api.RunSummary;
import dev.slipway.controlplane.api.Views;
import dev.slipway.pipeline.log.SecretMasker;
import dev.slipway.pipeline.model.PipelineRun;
import dev.slipway.pipeline.model.Reason;
import dev.slipway.pipeline.run.RunPlan;
import dev.slipway.pipeline.run.RunStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;

/** The runs of a data folder ({@code DATA/runs}), as {@code slipway pipeline run} and {@code slipway up} keep them. */
public final class LocalRuns implements RunsBackend {

    /** The reason shown for an unfinished run whose runner process has ended. */
    public static final String ORPHANED = "Orphaned";

    private final RunStore store;
    private final Clock clock;

    public LocalRuns(Path runs, Clock clock) {
        this.store = new RunStore(runs);
        this.clock = clock;
    }

    @Override
    public String where() {
        return store.root().toString();
    }

    @Override
    public List<RunSummary> list() {
        return store.list().stream()
                .map(r -> {
                    final RunSummary s = Views.runSummary(r);
                    return orphaned(r)
                            ? new RunSummary(
                                    s.id(),
                                    s.pipeline(),
                                    s.repository(),
                                    s.commit(),
                                    s.branch(),
                                    s.trigger(),
                                    s.status(),
                                    ORPHANED,
                                    s.message(),
                                    s.startTime(),
                                    s.endTime())
                            : s;
                })
                .toList();
    }

    private PipelineRun find(String id) {
        return store.find(id)
                .orElseThrow(() -> new IllegalArgumentException(
                        "no run '" + id + "' in " + store.root() + " (slipway pipeline list shows the runs)"));
    }

    private boolean orphaned(PipelineRun r) {
        return !r.isDone() && !store.runnerAlive(r.id());
    }

    @Override
    public Run get(String id) {
        return Views.run(find(id));
    }

    @Override
    public String record(String id) {
        try {
            return Files.readString(store.dir(find(id).id()).resolve(RunStore.RECORD), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public byte[] log(String id) {
        final Path log = store.log(find(id).id());
        try {
            return Files.exists(log) ? Files.readAllBytes(log) : new byte[0];
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public boolean ended(String id) {
        return store.find(id).map(r -> r.isDone() || !store.runnerAlive(r.id())).orElse(true);
    }

    @Override
    public boolean orphaned(Run run) {
        return !run.done() && !store.runnerAlive(run.id());
    }

    @Override
    public String cancel(String id) {
        final PipelineRun run = find(id);
        if (run.isDone()) {
            throw new IllegalStateException(
                    "run " + run.id() + " has already ended (" + run.condition().reason() + ")");
        }
        store.requestCancel(run.id());
        if (!store.runnerAlive(run.id())) {
            // nobody will act on the request: the process that ran it is gone, so record the end here
            store.save(
                    RunPlan.abort(
                            run, Reason.Cancelled, "cancelled after its runner process had ended", clock.instant()),
                    SecretMasker.none());
            return "run " + run.id() + " cancelled (its runner process had ended)";
        }
        return "cancellation of run " + run.id() + " requested";
    }
}
