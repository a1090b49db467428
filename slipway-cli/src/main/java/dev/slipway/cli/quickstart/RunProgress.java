package dev.slipway.cli.quickstart;

import dev.slipway.api.Run;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

/**
 * The live display of a pipeline run: fed successive records of one run, it prints one line when a step
 * starts and one when it ends (stage / step, state, duration), then the run's result. Pure rendering: the
 * caller reads the records.
 */
public final class RunProgress {

    private final PrintWriter out;
    private final String indent;
    private final Set<String> started = new HashSet<>();
    private final Set<String> ended = new HashSet<>();
    private boolean done;

    public RunProgress(PrintWriter out, String indent) {
        this.out = out;
        this.indent = indent;
    }

    /** Prints what changed since the last record; returns true once the run has ended. */
    public boolean update(Run run) {
        if (done) {
            return true;
        }
        for (final Run.Stage stage : run.stages()) {
            for (final Run.Step step : stage.steps()) {
                final String key = stage.name() + "/" + step.name();
                final String reason = step.condition().reason();
                final boolean over = !"Unknown".equals(step.condition().status());
                if (("Running".equals(reason) || over && step.startTime() != null) && started.add(key)) {
                    out.println(line(stage, step, "Running", null));
                }
                if (over && ended.add(key)) {
                    out.println(line(stage, step, reason, duration(step.startTime(), step.endTime()))
                            + ("Succeeded".equals(reason)
                                            || "Skipped".equals(reason)
                                            || step.condition().message().isBlank()
                                    ? ""
                                    : "  (" + step.condition().message() + ")"));
                }
            }
        }
        if (run.done()) {
            done = true;
            out.println(indent + "run " + run.id() + " " + run.condition().reason()
                    + (run.startTime() != null && run.endTime() != null
                            ? " in " + duration(run.startTime(), run.endTime())
                            : "")
                    + ("Succeeded".equals(run.condition().reason())
                            ? ""
                            : ": " + run.condition().message()));
        }
        out.flush();
        return done;
    }

    private String line(Run.Stage stage, Run.Step step, String state, String took) {
        final String name = stage.name() + " / " + step.name();
        return String.format(Locale.ROOT, "%s%-32s %-9s %s", indent, name, state, took == null ? "" : took)
                .stripTrailing();
    }

    static String duration(Instant from, Instant to) {
        if (from == null || to == null) {
            return "";
        }
        return String.format(Locale.ROOT, "%.1fs", Duration.between(from, to).toMillis() / 1000.0);
    }
}
