package dev.slipway.cli.command;

import dev.slipway.support.Mappers;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.slipway.gitops.repo.GitOpsLocation;
import dev.slipway.gitops.repo.GitOpsRepository;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Where GitOps commands work: on the repository directly ({@code --gitops}) or through {@code slipway up}. */
final class GitOpsOptions {

  static final ObjectMapper JSON = Mappers.json().enable(SerializationFeature.INDENT_OUTPUT);

  @picocli.CommandLine.Spec(picocli.CommandLine.Spec.Target.MIXEE) picocli.CommandLine.Model.CommandSpec mixee;

  @Option(names = "--gitops", paramLabel = "URL|DIR",
      description = "The GitOps repository (a local bare repository or a git URL); env SLIPWAY_GITOPS.")
  String gitops = System.getenv("SLIPWAY_GITOPS");

  @Option(names = "--gitops-user", paramLabel = "USER", description = "HTTPS user; env SLIPWAY_GITOPS_USER.")
  String user = System.getenv("SLIPWAY_GITOPS_USER");

  @Option(names = "--gitops-token", paramLabel = "TOKEN", hidden = true,
      description = "Deprecated (visible in ps): use env SLIPWAY_GITOPS_TOKEN.")
  String token = System.getenv("SLIPWAY_GITOPS_TOKEN");

  @Option(names = "--server", paramLabel = "URL", description = "A control plane API (slipway up) instead of --gitops.")
  String server;

  boolean direct() {
    if (server == null && (gitops == null || gitops.isBlank())) {
      throw new IllegalArgumentException("--gitops URL|DIR or --server URL is required");
    }
    return server == null;
  }

  GitOpsRepository open() {
    if (mixee != null) {
      Deprecations.tokenFlag(mixee, "--gitops-token", "SLIPWAY_GITOPS_TOKEN");
    }
    final Path cache = Path.of(System.getProperty("user.home"), ".slipway", "cache");
    return GitOpsRepository.open(new GitOpsLocation(gitops, user, token), cache);
  }

  ApiClient api() {
    return new ApiClient(server);
  }
}
