package dev.slipway.cli.command;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code slipway pipeline}: run a model repository's pipeline locally and look at runs. */
@Command(
        name = "pipeline",
        mixinStandardHelpOptions = true,
        description = "Run the jenkins-x.yml pipeline of a model repository and inspect its runs.",
        subcommands = {
            PipelineRunCommand.class,
            PipelineListCommand.class,
            PipelineShowCommand.class,
            PipelineLogsCommand.class,
            PipelineCancelCommand.class
        })
public final class PipelineCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "give a subcommand: run, list, show, logs or cancel");
    }
}
