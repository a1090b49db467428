package dev.slipway.cli.command;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.slipway.api.ChangeResult;
import dev.slipway.api.Condition;
import dev.slipway.api.EnvironmentStatus;
import dev.slipway.api.HistoryEntry;
import dev.slipway.api.RollbackRequest;
import dev.slipway.client.SlipwayClient;
import dev.slipway.client.SlipwayException;
import dev.slipway.controlplane.api.Views;
import dev.slipway.gitops.env.Environment;
import dev.slipway.gitops.env.Environments;
import dev.slipway.gitops.promote.PromotionException;
import dev.slipway.gitops.promote.Rollback;
import dev.slipway.gitops.repo.GitOpsRepository;
import dev.slipway.gitops.status.HistoryReader;
import java.io.PrintWriter;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code slipway env status|history|rollback|sync}: environments of the GitOps repository, application by application
 * (ArgoCD's unit). Through {@code slipway up} they use the typed client; history and rollback also work on the
 * repository directly ({@code --gitops}).
 */
@Command(name = "env", mixinStandardHelpOptions = true,
    description = "Environments and their applications: status, history, rollback, sync.",
    subcommands = {Env.Status.class, Env.History.class, Env.RollbackCmd.class, Env.Sync.class})
public final class Env {

  private static final ObjectMapper JSON = SlipwayClient.mapper().copy()
      .enable(SerializationFeature.INDENT_OUTPUT);

  static SlipwayClient client(String server) {
    return new SlipwayClient(server, System.getenv("SLIPWAY_TOKEN"));
  }

  /** Runs {@code work}; a refusal from the API is printed as {@code error: …} (exit 2 for bad input, else 1). */
  static int api(CommandSpec spec, Callable<Integer> work) throws Exception {
    try {
      return work.call();
    } catch (SlipwayException e) {
      spec.commandLine().getErr().println("error: " + e.getMessage());
      return e.status() == 400 ? 2 : 1;
    }
  }

  @Command(name = "status", mixinStandardHelpOptions = true,
      description = "Applications with sync (Synced|OutOfSync), health (Healthy|Progressing|Degraded|Missing|Suspended),"
          + " revision and message; with APP its conditions and events (needs the sync controller: --server).")
  static final class Status implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Option(names = "--server", paramLabel = "URL", description = "Control plane API; env SLIPWAY_URL. Default: ${DEFAULT-VALUE}.")
    String server = ApiClient.defaultServer();
    @Parameters(index = "0", arity = "0..1", paramLabel = "ENV") String env;
    @Parameters(index = "1", arity = "0..1", paramLabel = "APP") String app;
    @Option(names = {"-o", "--output"}, description = "table or json") String output = "table";

    @Override
    public Integer call() throws Exception {
      return api(spec, () -> {
        final SlipwayClient c = client(server);
        final List<EnvironmentStatus> envs = env == null ? c.environments() : List.of(c.environment(env));
        final PrintWriter out = spec.commandLine().getOut();
        if (app != null) {
          final EnvironmentStatus e = envs.get(0);
          final EnvironmentStatus.Application a = e.application(app).orElseThrow(() -> new IllegalArgumentException(
              "no application '" + app + "' in " + env + " (known: " + String.join(", ",
                  e.applications().stream().map(EnvironmentStatus.Application::name).toList()) + ")"));
          if ("json".equals(output)) {
            out.println(JSON.writeValueAsString(a));
            return 0;
          }
          application(out, e, a);
          return 0;
        }
        if ("json".equals(output)) {
          out.println(JSON.writeValueAsString(env == null ? envs : envs.get(0)));
          return 0;
        }
        for (final EnvironmentStatus e : envs) {
          out.println(e.name() + " (namespace " + e.namespace() + ", " + e.promotion() + ") at "
              + shortRev(e.revision()) + ": " + e.conditions().stream().findFirst().map(Condition::message).orElse(""));
          out.printf("  %-24s %-10s %-12s %-9s %s%n", "APPLICATION", "SYNC", "HEALTH", "REVISION", "MESSAGE");
          for (final EnvironmentStatus.Application a : e.applications()) {
            out.printf("  %-24s %-10s %-12s %-9s %s%n", a.name(), a.sync(), a.health(), shortRev(a.appliedRevision()),
                a.message());
          }
        }
        return 0;
      });
    }

    private static void application(PrintWriter out, EnvironmentStatus e, EnvironmentStatus.Application a) {
      out.println(a.name() + " in " + e.name() + " (namespace " + a.namespace() + ", " + a.file() + ")");
      out.println("  sync:     " + a.sync() + " (main at " + shortRev(a.revision()) + ", applied "
          + (a.appliedRevision().isEmpty() ? "never" : shortRev(a.appliedRevision())) + ")");
      out.println("  health:   " + a.health());
      out.println("  message:  " + a.message());
      out.println("  conditions:");
      for (final Condition c : a.conditions()) {
        out.println("    " + c.type() + "=" + c.status() + " " + c.reason() + ": " + c.message());
      }
      final var events = e.events().stream().filter(v -> v.application().equals(a.name())).toList();
      if (!events.isEmpty()) {
        out.println("  events:");
        events.forEach(v -> out.println("    " + v.time() + " " + v.reason() + ": " + v.message()));
      }
    }
  }

  @Command(name = "history", mixinStandardHelpOptions = true,
      description = "Changes of an environment (or of one application in it) on main: revision, time, action, author, "
          + "approver, when synced, message.")
  static final class History implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin GitOpsOptions where;
    @Parameters(index = "0", paramLabel = "ENV") String env;
    @Parameters(index = "1", arity = "0..1", paramLabel = "APP") String app;
    @Option(names = {"-o", "--output"}, description = "table or json") String output = "table";

    @Override
    public Integer call() throws Exception {
      return api(spec, () -> {
        final List<HistoryEntry> entries;
        if (where.direct()) {
          try (GitOpsRepository repo = where.open()) {
            final Environment e = Environments.parse(repo.trees().read(repo.main(), Environments.FILE).orElseThrow(),
                Environments.FILE).require(env);
            entries = new HistoryReader(repo).history(e, app, 100, List.of()).stream().map(Views::history).toList();
          }
        } else {
          entries = client(where.server).history(env, app);
        }
        final PrintWriter out = spec.commandLine().getOut();
        if ("json".equals(output)) {
          out.println(JSON.writeValueAsString(entries));
          return 0;
        }
        out.printf("%-9s %-21s %-20s %-10s %-10s %-21s %s%n", "REVISION", "TIME", "ACTION", "AUTHOR", "APPROVED",
            "SYNCED", "MESSAGE");
        for (final HistoryEntry h : entries) {
          out.printf("%-9s %-21s %-20s %-10s %-10s %-21s %s%n", shortRev(h.revision()), h.time(), h.action(),
              h.author(), h.approvedBy(), h.syncedAt() == null ? "" : h.syncedAt(),
              h.message().lines().findFirst().orElse(""));
        }
        return 0;
      });
    }
  }

  @Command(name = "rollback", mixinStandardHelpOptions = true,
      description = "Restore one application's files (or, with --all, the whole environment folder) to a revision with "
          + "a new commit on main; --dry-run shows the diff.")
  static final class RollbackCmd implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin GitOpsOptions where;
    @Parameters(index = "0", paramLabel = "ENV") String env;
    @Parameters(index = "1", arity = "0..1", paramLabel = "APP", description = "The application to roll back.")
    String app;
    @Option(names = "--to", required = true, paramLabel = "REV") String to;
    @Option(names = "--all", description = "Roll back every application of the environment (lists what it removes).")
    boolean all;
    @Option(names = "--dry-run", description = "Show the diff; commit nothing.") boolean dryRun;
    @Option(names = "--reason", paramLabel = "TEXT", description = "Why (recorded in the commit).") String reason;
    @Option(names = "--as", paramLabel = "USER", description = "Default: $USER.") String user = System.getenv("USER");

    @Override
    public Integer call() throws Exception {
      if (app != null && all) {
        spec.commandLine().getErr().println("error: give APP or --all, not both");
        return 2;
      }
      return api(spec, () -> {
        final ChangeResult r;
        if (where.direct()) {
          try (GitOpsRepository repo = where.open()) {
            r = Views.rollback(new Rollback(repo, Clock.systemUTC()).rollback(new Rollback.Request(env, app, to, user,
                reason == null ? "" : reason, all, dryRun)));
          } catch (PromotionException e) {
            spec.commandLine().getErr().println("error: " + e.getMessage());
            return e.kind() == PromotionException.Kind.INVALID ? 2 : 1;
          }
        } else {
          r = client(where.server).rollback(env, new RollbackRequest(to, user == null ? "" : user, app, reason, all,
              dryRun));
        }
        final PrintWriter out = spec.commandLine().getOut();
        if (dryRun && r.diff() != null) {
          out.print(r.diff());
        }
        if (r.removes() != null && !r.removes().isEmpty() && !dryRun) {
          out.println("removed from " + env + ": " + String.join(", ", r.removes()));
        }
        out.println(r.summary());
        return 0;
      });
    }
  }

  @Command(name = "sync", mixinStandardHelpOptions = true,
      description = "Reconcile an environment now (fetching first); with APP a drifted application is put back at once. "
          + "Prints the status after that pass.")
  static final class Sync implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Option(names = "--server", paramLabel = "URL", description = "Control plane API; env SLIPWAY_URL. Default: ${DEFAULT-VALUE}.")
    String server = ApiClient.defaultServer();
    @Parameters(index = "0", paramLabel = "ENV") String env;
    @Parameters(index = "1", arity = "0..1", paramLabel = "APP") String app;

    @Override
    public Integer call() throws Exception {
      return api(spec, () -> {
        final EnvironmentStatus e = client(server).sync(env, app);
        final PrintWriter out = spec.commandLine().getOut();
        out.println("synced " + e.name() + " at " + shortRev(e.revision()) + ": "
            + e.conditions().stream().findFirst().map(Condition::message).orElse(""));
        for (final EnvironmentStatus.Application a : e.applications()) {
          if (app == null || a.name().equals(app)) {
            out.printf("  %-24s %-10s %-12s %s%n", a.name(), a.sync(), a.health(), a.message());
          }
        }
        return 0;
      });
    }
  }

  static String shortRev(String rev) {
    return rev == null ? "" : rev.length() > 7 ? rev.substring(0, 7) : rev;
  }
}
