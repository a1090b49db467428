package dev.slipway.cli.command;

import dev.slipway.cli.backend.Settings;
import dev.slipway.gitops.repo.GitOpsLocation;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code --gitops URL|DIR} with its HTTPS user and (deprecated) token: the GitOps repository of {@code up},
 * {@code promote} and the GitOps commands, each flag falling back to its variable ({@code SLIPWAY_GITOPS},
 * {@code SLIPWAY_GITOPS_USER}, {@code SLIPWAY_GITOPS_TOKEN}).
 */
final class GitOpsRepositoryOptions {

    @Spec(Spec.Target.MIXEE)
    @Nullable
    CommandSpec mixee;

    @Option(
            names = "--gitops",
            paramLabel = "URL|DIR",
            description = "The GitOps repository (a local bare repository or a git URL); env SLIPWAY_GITOPS (set in"
                    + " the pipeline steps of a slipway up that follows one).")
    @Nullable
    String repository;

    @Option(names = "--gitops-user", paramLabel = "USER", description = "HTTPS user; env SLIPWAY_GITOPS_USER.")
    @Nullable
    String user;

    @Option(
            names = "--gitops-token",
            paramLabel = "TOKEN",
            hidden = true,
            description = "Deprecated (visible in ps): use env SLIPWAY_GITOPS_TOKEN.")
    @Nullable
    String token;

    private boolean warned;

    /** The repository: {@code --gitops}, else {@code SLIPWAY_GITOPS}; null when neither is set. */
    @Nullable
    String repository(Settings settings) {
        return settings.gitops(repository);
    }

    /** Warns (once) when the token came as a flag: every local user sees a command line. */
    void warnOfTokenFlag() {
        if (mixee != null && !warned) {
            warned = true;
            Deprecations.tokenFlag(mixee, "--gitops-token", "SLIPWAY_GITOPS_TOKEN");
        }
    }

    /**
     * Where the repository is and how to reach it (warning of a token flag first). {@code required} names what to do
     * when no repository is given.
     */
    GitOpsLocation location(Settings settings, String required) {
        warnOfTokenFlag();
        final String where = repository(settings);
        if (where == null) {
            throw new IllegalArgumentException(required);
        }
        return new GitOpsLocation(
                where,
                user != null ? user : settings.env("SLIPWAY_GITOPS_USER"),
                token != null ? token : settings.env("SLIPWAY_GITOPS_TOKEN"));
    }
}
