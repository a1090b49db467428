package dev.slipway.cli.command;

import dev.slipway.pipeline.model.PipelineRun;
import dev.slipway.pipeline.model.StageRun;
import dev.slipway.pipeline.model.StepRun;
import dev.slipway.pipeline.run.RunStore;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code slipway pipeline show RUN}: a run's stages and steps with their conditions. */
@Command(name = "show", mixinStandardHelpOptions = true, description = "Show a run: its commit, stages and steps, and why each ended.")
final class PipelineShowCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Mixin DataDir data;

  @Mixin ServerOption server;

  @Parameters(paramLabel = "RUN", description = "The run's id, or a unique prefix of it.")
  String id;

  @Option(names = "--json", description = "Print the run record as JSON.")
  boolean json;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    RunStore store = server.isSet() ? null : new RunStore(data.runs());
    PipelineRun r = server.isSet() ? server.client().get(id) : PipelineRuns.find(store, id, data);
    if (json) {
      out.println(server.isSet() ? new String(server.client().record(r.id()), java.nio.charset.StandardCharsets.UTF_8)
          : Files.readString(store.dir(r.id()).resolve(RunStore.RECORD)));
      return 0;
    }
    out.println("run:        " + r.id());
    out.println("status:     " + r.condition().reason() + (r.condition().message().isEmpty() ? "" : " - " + r.condition().message())
        + (store != null && !r.isDone() && !store.runnerAlive(r.id()) ? " (its runner process has ended: slipway pipeline cancel " + r.id() + ")" : ""));
    out.println("pipeline:   " + r.pipeline().kind().yamlName());
    out.println("repository: " + r.repository());
    out.println("commit:     " + r.commit() + (r.branch().isEmpty() ? "" : " (" + r.branch() + ")"));
    out.println("trigger:    " + r.trigger().type() + (r.trigger().detail().isEmpty() ? "" : " by " + r.trigger().detail()));
    out.println("started:    " + (r.startTime() == null ? "-" : PipelineListCommand.TIME.format(r.startTime()))
        + "   duration: " + PipelineListCommand.duration(r.startTime(), r.endTime()));
    r.warnings().forEach(w -> out.println("warning:    " + w));
    for (StageRun s : r.stages()) {
      out.println("stage " + s.name() + ": " + s.condition().reason() + "  " + PipelineListCommand.duration(s.startTime(), s.endTime()));
      for (StepRun st : s.steps()) {
        out.println("  step " + st.name() + ": " + st.condition().reason()
            + (st.exitCode() == null ? "" : " (exit " + st.exitCode() + ")")
            + (st.startTime() == null ? "" : "  " + PipelineListCommand.duration(st.startTime(), st.endTime()))
            + (st.condition().message().isEmpty() || st.condition().message().startsWith("exit code") ? "" : "  " + st.condition().message()));
      }
    }
    return 0;
  }
}
