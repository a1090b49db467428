package dev.slipway.cli.command;

import dev.slipway.cli.backend.RunsBackend;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** A {@code pipeline} subcommand about one run ({@code show}, {@code logs}, {@code cancel}): where and which. */
abstract class OneRunCommand extends CliCommand {

    @Mixin
    DataOrServer where = new DataOrServer();

    @Parameters(paramLabel = "RUN", description = "The run's id, or a unique prefix of it.")
    String id;

    /** The runs {@link #where} names. */
    RunsBackend backend() {
        return PipelineRuns.backend(where);
    }
}
