package dev.slipway.cli.command;

import dev.slipway.pipeline.model.PipelineRun;
import dev.slipway.pipeline.log.SecretMasker;
import dev.slipway.pipeline.model.Reason;
import dev.slipway.pipeline.run.RunPlan;
import dev.slipway.pipeline.run.RunStore;
import java.time.Instant;
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

  @Mixin ServerOption server;

  @Parameters(paramLabel = "RUN", description = "The run's id, or a unique prefix of it.")
  String id;

  @Override
  public Integer call() {
    if (server.isSet()) {
      server.client().cancel(id);
      spec.commandLine().getOut().println("cancellation of run " + id + " requested");
      return 0;
    }
    RunStore store = new RunStore(data.runs());
    PipelineRun run = PipelineRuns.find(store, id, data);
    if (run.isDone()) {
      spec.commandLine().getErr().println("error: run " + run.id() + " has already ended (" + run.condition().reason() + ")");
      return 1;
    }
    store.requestCancel(run.id());
    if (!store.runnerAlive(run.id())) {
      // nobody will act on the request: the process that ran it is gone, so record the end here
      store.save(RunPlan.abort(run, Reason.Cancelled, "cancelled after its runner process had ended", Instant.now()),
          SecretMasker.none());
      spec.commandLine().getOut().println("run " + run.id() + " cancelled (its runner process had ended)");
      return 0;
    }
    spec.commandLine().getOut().println("cancellation of run " + run.id() + " requested");
    return 0;
  }
}
