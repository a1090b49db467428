package dev.slipway.cli.command;

import dev.slipway.cli.backend.RunsBackend;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code slipway pipeline logs RUN [-f]}: a run's log (secrets masked), optionally followed until the run ends. */
@Command(
        name = "logs",
        mixinStandardHelpOptions = true,
        description = "Print a run's log; with -f, keep printing until the run ends.")
final class PipelineLogsCommand extends OneRunCommand {

    @Option(
            names = {"-f", "--follow"},
            description = "Follow the log until the run ends.")
    boolean follow;

    @Override
    public Integer call() throws Exception {
        RunsBackend backend = backend();
        PipelineRuns.follow(
                spec.commandLine().getOut(), follow, backend, backend.get(id).id());
        return 0;
    }
}
