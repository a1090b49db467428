package dev.slipway.cli.command;

import dev.slipway.api.RunFilter;
import dev.slipway.api.RunSummary;
import dev.slipway.cli.backend.RunsBackend;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code slipway pipeline list}: the runs, newest first. */
@Command(name = "list", mixinStandardHelpOptions = true, description = "List pipeline runs, newest first.")
final class PipelineListCommand implements Callable<Integer> {

    static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneId.systemDefault());

    @Spec
    CommandSpec spec;

    @Mixin
    DataOrServer where = new DataOrServer();

    @Option(
            names = {"-n", "--limit"},
            description = "At most this many runs. Default: ${DEFAULT-VALUE}.")
    int limit = 20;

    @Option(names = "--repository", paramLabel = "NAME", description = "Only runs of this repository (its name).")
    String repository;

    @Option(names = "--branch", paramLabel = "BRANCH", description = "Only runs of this branch.")
    String branch;

    @Option(
            names = "--state",
            paramLabel = "STATE",
            description = "Only runs in this state: Pending, Running, Succeeded, Failed, Cancelled, … (any case).")
    String state;

    @Mixin
    OutputFormat output = new OutputFormat();

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        RunsBackend backend = PipelineRuns.backend(where);
        RunFilter filter = new RunFilter(blankToNull(repository), blankToNull(branch), blankToNull(state));
        List<RunSummary> runs = backend.list(filter);
        if (runs.isEmpty() && !output.structured()) {
            out.println("no runs" + (filter.isEmpty() ? "" : " that match") + " in " + backend.where());
            return 0;
        }
        List<RunSummary> shown = runs.subList(0, Math.min(limit, runs.size()));
        Table t = Table.of(
                        "RUN",
                        "REPOSITORY",
                        "PIPELINE",
                        "STATUS",
                        "COMMIT",
                        "BRANCH",
                        "TRIGGER",
                        "STARTED",
                        "DURATION",
                        "LOCATION",
                        "MESSAGE")
                .wide("LOCATION", "MESSAGE");
        for (RunSummary r : shown) {
            t.row(
                    r.id(),
                    RunFilter.repositoryName(r.repository()),
                    r.pipeline(),
                    r.reason(),
                    abbrev(r.commit()),
                    r.branch(),
                    r.trigger(),
                    r.startTime() == null ? null : TIME.format(r.startTime()),
                    duration(r.startTime(), r.endTime()),
                    r.repository(),
                    r.message());
        }
        Output.print(out, output, shown, o -> t.print(o, output.wide()));
        return 0;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    static String abbrev(String commit) {
        return commit.length() > 12 ? commit.substring(0, 12) : commit;
    }

    static String duration(Instant start, Instant end) {
        if (start == null) {
            return "-";
        }
        Duration d = Duration.between(start, end == null ? Instant.now() : end);
        String s = d.toMinutes() > 0
                ? d.toMinutes() + "m" + d.toSecondsPart() + "s"
                : String.format(java.util.Locale.ROOT, "%.1fs", d.toMillis() / 1000.0);
        return end == null ? s + " (running)" : s;
    }
}
