package dev.slipway.cli.command;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code slipway logs …}: what a deployment logged ({@code requests}: its predictions, from the request log). */
@Command(
        name = "logs",
        mixinStandardHelpOptions = true,
        subcommands = LogsRequests.class,
        description = "Logs of a deployment: 'slipway logs requests DEPLOYMENT' shows the predictions the built-in"
                + " request-log sink of slipway up kept.")
public final class Logs implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return 2;
    }
}
