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

  @Option(names = "--gitops", paramLabel = "URL|DIR",
      description = "The GitOps repository (a local bare repository or a git URL); env SLIPWAY_GITOPS.")
  String gitops;

  @Option(names = "--gitops-user", paramLabel = "USER", description = "HTTPS user; env SLIPWAY_GITOPS_USER.")
  String user;

  @Option(names = "--gitops-token", paramLabel = "TOKEN", description = "HTTPS token; env SLIPWAY_GITOPS_TOKEN.")
  String token;

  @Option(names = "--server", paramLabel = "URL",
      description = "A control plane API (slipway up) instead of --gitops; env SLIPWAY_URL.")
  String server;

  /** The repository or the control plane, as the flags and then the environment say. */
  GitOpsBackend backend() {
    final Settings settings = Settings.fromEnvironment();
    if (gitops == null && server != null) {
      return new RemoteGitOps(settings.client(server));
    }
    final String repository = settings.gitops(gitops);
    if (repository != null) {
      return new LocalGitOps(GitOpsRepository.open(new GitOpsLocation(repository,
          user != null ? user : settings.env("SLIPWAY_GITOPS_USER"),
          token != null ? token : settings.env("SLIPWAY_GITOPS_TOKEN")), settings.cache()), Clock.systemUTC());
    }
    if (settings.chosenServer(null).isPresent()) {
      return new RemoteGitOps(settings.client(null));
    }
    throw new IllegalArgumentException("--gitops URL|DIR or --server URL is required");
  }
}
