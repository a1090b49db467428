package dev.slipway.cli.command;

import dev.slipway.api.Run;
import dev.slipway.cli.backend.RunsBackend;
import java.io.PrintWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code slipway pipeline show RUN}: a run's stages and steps with their conditions. */
@Command(
        name = "show",
        mixinStandardHelpOptions = true,
        description = "Show a run: its commit, stages and steps, and why each ended.")
final class PipelineShowCommand extends OneRunCommand {

    @Option(
            names = "--json",
            description = "Print the stored run record as JSON (its own fields; -o json prints the" + " API's view).")
    boolean json;

    @Mixin
    OutputFormat output = new OutputFormat();

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        RunsBackend backend = backend();
        Run r = backend.get(id);
        if (json) {
            String record = backend.record(r.id());
            out.print(record.endsWith("\n") ? record : record + "\n");
            out.flush();
            return 0;
        }
        Output.print(out, output, r, o -> text(o, backend, r));
        return 0;
    }

    private static void text(PrintWriter out, RunsBackend backend, Run r) {
        out.println("run:        " + r.id());
        out.println("status:     " + r.condition().reason()
                + (r.condition().message().isEmpty()
                        ? ""
                        : " - " + r.condition().message())
                + (backend.orphaned(r)
                        ? " (its runner process has ended: slipway pipeline cancel " + r.id() + ")"
                        : ""));
        out.println("pipeline:   " + r.pipeline().kind());
        out.println("repository: " + r.repository());
        out.println("commit:     " + r.commit() + (r.branch().isEmpty() ? "" : " (" + r.branch() + ")"));
        out.println("trigger:    " + r.trigger().type()
                + (r.trigger().detail() == null || r.trigger().detail().isEmpty()
                        ? ""
                        : " by " + r.trigger().detail())
                + (r.trigger().requeuedFrom() == null
                        ? ""
                        : " (queued again after a restart of the control plane stopped run "
                                + r.trigger().requeuedFrom() + ")"));
        out.println("started:    " + (r.startTime() == null ? "-" : PipelineListCommand.TIME.format(r.startTime()))
                + "   duration: " + PipelineListCommand.duration(r.startTime(), r.endTime()));
        r.warnings().forEach(w -> out.println("warning:    " + w));
        for (Run.Stage s : r.stages()) {
            out.println("stage " + s.name() + ": " + s.condition().reason() + "  "
                    + PipelineListCommand.duration(s.startTime(), s.endTime()));
            for (Run.Step st : s.steps()) {
                out.println("  step " + st.name() + ": " + st.condition().reason()
                        + (st.exitCode() == null ? "" : " (exit " + st.exitCode() + ")")
                        + (st.startTime() == null
                                ? ""
                                : "  " + PipelineListCommand.duration(st.startTime(), st.endTime()))
                        + (st.condition().message().isEmpty()
                                        || st.condition().message().startsWith("exit code")
                                ? ""
                                : "  " + st.condition().message()));
            }
        }
    }
}
