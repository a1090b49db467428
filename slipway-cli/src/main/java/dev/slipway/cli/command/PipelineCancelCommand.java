package dev.slipway.cli.command;

import picocli.CommandLine.Command;

/** {@code slipway pipeline cancel RUN}: asks the process running a run to stop it. */
@Command(
        name = "cancel",
        mixinStandardHelpOptions = true,
        description =
                "Cancel a run: the process running it stops the current step's whole process tree and skips the rest.")
final class PipelineCancelCommand extends OneRunCommand {

    @Override
    public Integer call() {
        spec.commandLine().getOut().println(backend().cancel(id));
        return 0;
    }
}
