package dev.slipway.cli.command;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * What every {@code slipway} command that runs has: its picocli spec, and where it prints (the command line's out and
 * err, which {@code Slipway.run} and the tests may redirect). The exit code is {@link #call()}'s.
 */
abstract class CliCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    /** Standard output, as the command line has it. */
    PrintWriter out() {
        return spec.commandLine().getOut();
    }

    /** Standard error, as the command line has it. */
    PrintWriter err() {
        return spec.commandLine().getErr();
    }
}
