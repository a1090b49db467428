package dev.slipway.cli.command;

import dev.slipway.cli.backend.GitOpsBackend;
import dev.slipway.cli.backend.LocalGitOps;
import dev.slipway.cli.backend.RemoteGitOps;
import dev.slipway.cli.backend.Settings;
import dev.slipway.gitops.repo.GitOpsLocation;
import dev.slipway.gitops.repo.GitOpsRepository;
import java.time.Clock;
import picocli.CommandLine.Option;

/**
 * Where GitOps commands work: on the repository directly ({@code --gitops}, else {@code SLIPWAY_GITOPS}) or through a
 * {@code slipway up} ({@code --server}, else {@code SLIPWAY_URL}). A flag wins over the environment; of the two
 * variables (both are set in pipeline steps), the repository wins.
 */
final class GitOpsOptions {

    @picocli.CommandLine.Spec(picocli.CommandLine.Spec.Target.MIXEE)
    picocli.CommandLine.Model.CommandSpec mixee;

    @Option(
            names = "--gitops",
            paramLabel = "URL|DIR",
            description = "The GitOps repository (a local bare repository or a git URL); env SLIPWAY_GITOPS.")
    String gitops;

    @Option(names = "--gitops-user", paramLabel = "USER", description = "HTTPS user; env SLIPWAY_GITOPS_USER.")
    String user;

    @Option(
            names = "--gitops-token",
            paramLabel = "TOKEN",
            hidden = true,
            description = "Deprecated (visible in ps): use env SLIPWAY_GITOPS_TOKEN.")
    String token;

    @Option(
            names = "--server",
            paramLabel = "URL",
            description = "A control plane API (slipway up) instead of --gitops; env SLIPWAY_URL.")
    String server;

    /** The repository or the control plane, as the flags and then the environment say. */
    GitOpsBackend backend() {
        return backend(Settings.fromEnvironment());
    }

    GitOpsBackend backend(Settings settings) {
        if (gitops == null && server != null) {
            return new RemoteGitOps(settings.client(server));
        }
        if (settings.gitops(gitops) != null) {
            return new LocalGitOps(open(settings), Clock.systemUTC());
        }
        if (settings.chosenServer(null).isPresent()) {
            return new RemoteGitOps(settings.client(null));
        }
        throw new IllegalArgumentException("--gitops URL|DIR or --server URL is required");
    }

    /** The GitOps repository itself: {@code --gitops}, else {@code SLIPWAY_GITOPS}. */
    GitOpsRepository open() {
        return open(Settings.fromEnvironment());
    }

    private GitOpsRepository open(Settings settings) {
        final String repository = settings.gitops(gitops);
        if (repository == null) {
            throw new IllegalArgumentException("--gitops URL|DIR is required (or SLIPWAY_GITOPS in the environment)");
        }
        if (mixee != null) {
            Deprecations.tokenFlag(mixee, "--gitops-token", "SLIPWAY_GITOPS_TOKEN");
        }
        return GitOpsRepository.open(
                new GitOpsLocation(
                        repository,
                        user != null ? user : settings.env("SLIPWAY_GITOPS_USER"),
                        token != null ? token : settings.env("SLIPWAY_GITOPS_TOKEN")),
                settings.cache());
    }
}
