package dev.slipway.cli.backend;

import dev.slipway.api.Run;
import dev.slipway.api.RunSummary;
import java.util.List;

/**
 * Pipeline runs, wherever they are: a data folder's {@code runs/} ({@link LocalRuns}) or a {@code slipway up}
 * ({@link RemoteRuns}). Ids may be unique prefixes.
 */
public interface RunsBackend {

    /** Where the runs are, for messages ({@code /home/me/.slipway/runs}, {@code http://127.0.0.1:8080}). */
    String where();

    /** Every run, newest first. */
    List<RunSummary> list();

    /** The runs {@code filter} passes, newest first. */
    default List<RunSummary> list(dev.slipway.api.RunFilter filter) {
        return list().stream().filter(filter::matches).toList();
    }

    /** One run with its stages and steps; {@link IllegalArgumentException} naming where it looked when unknown. */
    Run get(String id);

    /** The run's stored record (masked JSON, the resolved pipeline included). */
    String record(String id);

    /** The run's log so far (masked). */
    byte[] log(String id);

    /** True once the run has ended (or can no longer end: its runner process is gone). */
    boolean ended(String id);

    /** True when the run has not ended but the process that ran it has (a local run only). */
    boolean orphaned(Run run);

    /**
     * Asks the run's runner to stop it; returns what happened, for people. {@link IllegalStateException} when the run
     * has already ended.
     */
    String cancel(String id);
}
