package dev.slipway.cli.command;

import picocli.CommandLine.Model.CommandSpec;

/** Warnings for options that still work but should not be used. */
final class Deprecations {

    private Deprecations() {}

    /**
     * Warns when a secret was given as an option: every local user sees a command line ({@code ps}); the
     * environment variable (or a file it names) does not show.
     */
    static void tokenFlag(CommandSpec spec, String option, String env) {
        if (spec.commandLine().getParseResult() != null
                && spec.commandLine().getParseResult().hasMatchedOption(option)) {
            spec.commandLine()
                    .getErr()
                    .println("warning: " + option + " is deprecated: a token on the command line is"
                            + " visible to every user of this machine (ps); set " + env
                            + " in the environment instead");
        }
    }
}
