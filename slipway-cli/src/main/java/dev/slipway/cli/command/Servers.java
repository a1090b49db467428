package dev.slipway.cli.command;

import dev.slipway.gitops.repo.GitOpsRepository;
import dev.slipway.gitops.servers.ServerUsage;
import dev.slipway.gitops.spec.RegisteredServer;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code slipway servers register|list|show}: the servers registry ({@code servers.yaml}) of a GitOps repository. */
@Command(name = "servers", mixinStandardHelpOptions = true,
    description = "Reusable custom servers registered under an implementation name in the GitOps repository.",
    subcommands = {Servers.Register.class, Servers.ListServers.class, Servers.Show.class})
public final class Servers {

  /** {@code slipway servers register}. */
  @Command(name = "register", mixinStandardHelpOptions = true, sortOptions = false,
      description = {"Register (or update) NAME -> {image, modelClass} in servers.yaml by a commit on main.",
          "Example: slipway servers register IMAGE_CLASSIFIER --image image-classifier:1.0.0 "
              + "--model-class com.example.ImageClassifier --gitops /srv/gitops.git"})
  static final class Register implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin GitOpsOptions where;

    @Parameters(index = "0", paramLabel = "NAME", description = "Implementation name, e.g. IMAGE_CLASSIFIER.")
    String name;

    @Option(names = "--image", required = true, paramLabel = "NAME:VERSION", description = "The published artifact.")
    String image;

    @Option(names = "--model-class", paramLabel = "FQCN", description = "Default: the image's label.")
    String modelClass;

    // in a pipeline step, GIT_AUTHOR_* name whoever pushed the commit being built (as for slipway promote)
    @Option(names = "--author", paramLabel = "NAME", description = "Default: $GIT_AUTHOR_NAME, else $USER.")
    String author = System.getenv().getOrDefault("GIT_AUTHOR_NAME", System.getenv().getOrDefault("USER", "slipway"));

    @Option(names = "--email", paramLabel = "EMAIL", description = "Default: $GIT_AUTHOR_EMAIL.")
    String email = System.getenv().getOrDefault("GIT_AUTHOR_EMAIL", "");

    @Override
    public Integer call() {
      final String api = System.getenv("SLIPWAY_URL");
      if (where.server == null && (where.gitops == null || where.gitops.isBlank()) && api != null && !api.isBlank()) {
        // a pipeline step of slipway up: registered through its API (the server records who started the run)
        final var r = new dev.slipway.client.SlipwayClient(api, System.getenv("SLIPWAY_TOKEN")).registerServer(
            new dev.slipway.api.ServerRegistration(name, image, modelClass, author, email));
        spec.commandLine().getOut().println(r.message());
        return 0;
      }
      where.direct();
      try (GitOpsRepository repo = where.open()) {
        final dev.slipway.gitops.servers.Servers.Registration r;
        try {
          r = new dev.slipway.gitops.servers.Servers(repo, Clock.systemUTC())
              .register(new RegisteredServer(name, image, modelClass), author, email);
        } catch (dev.slipway.gitops.spec.SpecException e) {
          throw new IllegalArgumentException(e.getMessage());
        }
        spec.commandLine().getOut().println(r.message());
      }
      return 0;
    }
  }

  /** {@code slipway servers list}. */
  @Command(name = "list", mixinStandardHelpOptions = true, description = "Registered servers and who uses them.")
  static final class ListServers implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin GitOpsOptions where;

    @Override
    public Integer call() {
      where.direct();
      try (GitOpsRepository repo = where.open()) {
        final List<ServerUsage.Report> all = new ServerUsage(repo).all();
        spec.commandLine().getOut().printf("%-24s %-36s %-9s %s%n", "NAME", "IMAGE", "VERSIONS", "USED BY");
        for (final ServerUsage.Report r : all) {
          spec.commandLine().getOut().printf("%-24s %-36s %-9d %s%n", r.server().name(), r.server().image(),
              r.versions().size(), String.join(", ", r.uses().stream()
                  .map(u -> u.environment() + "/" + u.deployment()).distinct().toList()));
        }
      }
      return 0;
    }
  }

  /** {@code slipway servers show}. */
  @Command(name = "show", mixinStandardHelpOptions = true, description = "One server: versions and users.")
  static final class Show implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin GitOpsOptions where;

    @Parameters(index = "0", paramLabel = "NAME")
    String name;

    @Override
    public Integer call() {
      where.direct();
      try (GitOpsRepository repo = where.open()) {
        final ServerUsage.Report r = new ServerUsage(repo).of(name).orElseThrow(() ->
            new IllegalArgumentException("no server '" + name + "' in servers.yaml on main"));
        final var out = spec.commandLine().getOut();
        out.println("name:       " + r.server().name());
        out.println("image:      " + r.server().image());
        out.println("modelClass: " + (r.server().modelClass() == null ? "(image label)" : r.server().modelClass()));
        out.println("versions:");
        r.versions().forEach(v -> out.println("  " + v.image() + "  " + v.commit().substring(0, 7) + "  " + v.time()
            + "  " + v.author() + "  " + v.action()));
        out.println("used by:");
        r.uses().forEach(u -> out.println("  " + u.environment() + "  " + u.deployment() + "  node " + u.node()
            + "  (" + u.via() + ", " + u.file() + ")"));
      }
      return 0;
    }
  }
}
