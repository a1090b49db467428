package dev.slipway.cli.command;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code slipway pipeline cancel RUN}: asks the process running a run to stop it. */
@Command(
        name = "cancel",
        mixinStandardHelpOptions = true,
        description =
                "Cancel a run: the process running it stops the current step's whole process tree and skips the rest.")
final class PipelineCancelCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    DataDir data;

    @Mixin
    ServerOption server;

    @Parameters(paramLabel = "RUN", description = "The run's id, or a unique prefix of it.")
    String id;

    @Override
    public Integer call() {
        spec.commandLine().getOut().println(PipelineRuns.backend(data, server).cancel(id));
        return 0;
    }
}
