package dev.slipway.cli.command;

import dev.slipway.cli.backend.RunsBackend;
import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** A {@code pipeline} subcommand about one run ({@code show}, {@code logs}, {@code cancel}): where and which. */
abstract class OneRunCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    DataOrServer where = new DataOrServer();

    @Parameters(paramLabel = "RUN", description = "The run's id, or a unique prefix of it.")
    String id;

    /** The runs {@link #where} names. */
    RunsBackend backend() {
        return PipelineRuns.backend(where);
    }
}
