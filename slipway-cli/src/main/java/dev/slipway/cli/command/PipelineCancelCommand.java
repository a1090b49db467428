package dev.slipway.cli.command;

import dev.slipway.pipeline.model.PipelineRun;
import dev.slipway.pipeline.run.RunStore;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code slipway pipeline cancel RUN}: asks the process running a run to stop it. */
@Command(name = "cancel", mixinStandardHelpOptions = true,
    description = "Cancel a run: the process running it stops the current step's whole process tree and skips the rest.")
final class PipelineCancelCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Mixin DataDir data;

  @Parameters(paramLabel = "RUN", description = "The run's id, or a unique prefix of it.")
  String id;

  @Override
  public Integer call() {
    RunStore store = new RunStore(data.runs());
    PipelineRun run = PipelineRuns.find(store, id, data);
    if (run.isDone()) {
      spec.commandLine().getErr().println("error: run " + run.id() + " has already ended (" + run.condition().reason() + ")");
      return 1;
    }
    store.requestCancel(run.id());
    spec.commandLine().getOut().println("cancellation of run " + run.id() + " requested");
    return 0;
  }
}
