package dev.slipway.cli.command;

import dev.slipway.cli.backend.GitOpsBackend;
import dev.slipway.cli.backend.LocalGitOps;
import dev.slipway.cli.backend.RemoteGitOps;
import dev.slipway.cli.backend.Settings;
import dev.slipway.gitops.repo.GitOpsRepository;
import java.time.Clock;
import picocli.CommandLine.Mixin;

/**
 * Where GitOps commands work: on the repository directly ({@code --gitops}, else {@code SLIPWAY_GITOPS}) or through a
 * {@code slipway up} ({@code --server}, else {@code SLIPWAY_URL}). A flag wins over the environment; of the two
 * variables (both are set in pipeline steps), the repository wins.
 */
final class GitOpsOptions {

    @Mixin
    GitOpsRepositoryOptions repository = new GitOpsRepositoryOptions();

    @Mixin
    ServerOption server = new ServerOption();

    /** The repository or the control plane, as the flags and then the environment say. */
    GitOpsBackend backend() {
        return backend(Settings.fromEnvironment());
    }

    GitOpsBackend backend(Settings settings) {
        if (repository.repository == null && server.url != null) {
            return new RemoteGitOps(settings.client(server.url));
        }
        if (repository.repository(settings) != null) {
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
        return GitOpsRepository.open(
                repository.location(settings, "--gitops URL|DIR is required (or SLIPWAY_GITOPS in the environment)"),
                settings.cache());
    }
}
