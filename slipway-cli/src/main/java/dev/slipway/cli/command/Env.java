package dev.slipway.cli.command;

import dev.slipway.api.EnvironmentStatus;
import dev.slipway.api.HistoryEntry;
import dev.slipway.cli.backend.GitOpsBackend;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code slipway env status|history|rollback}: environments of the GitOps repository (see {@link GitOpsBackend}). */
@Command(name = "env", mixinStandardHelpOptions = true,
    description = "Environments: sync and health status (from slipway up), history, rollback.",
    subcommands = {Env.Status.class, Env.History.class, Env.RollbackCmd.class})
public final class Env {

  @Command(name = "status", mixinStandardHelpOptions = true,
      description = "Applications with sync status, health and conditions (from slipway up: --server or SLIPWAY_URL,"
          + " default http://127.0.0.1:8080).")
  static final class Status implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Option(names = "--server", paramLabel = "URL", description = "Control plane API; env SLIPWAY_URL.")
    String server;
    @Parameters(arity = "0..1", paramLabel = "ENV") String env;
    @Option(names = {"-o", "--output"}, description = "table or json") String output = "table";

    @Override
    public Integer call() {
      final PrintWriter out = spec.commandLine().getOut();
      // the sync status lives only in a control plane: the default server when none is named
      try (GitOpsBackend backend = new dev.slipway.cli.backend.RemoteGitOps(
          dev.slipway.cli.backend.Settings.fromEnvironment().client(server))) {
        final List<EnvironmentStatus> envs = backend.status(env);
        if ("json".equals(output)) {
          Output.json(out, env == null ? envs : envs.get(0));
          return 0;
        }
        for (final EnvironmentStatus e : envs) {
          out.println(e.name() + " (namespace " + e.namespace() + ", " + e.promotion() + ") at "
              + Output.shortRev(e.revision()) + ": " + (e.conditions().isEmpty() ? "" : e.conditions().get(0).message()));
          out.printf("  %-24s %-10s %-12s %-9s %s%n", "APPLICATION", "SYNC", "HEALTH", "REVISION", "MESSAGE");
          for (final EnvironmentStatus.Application app : e.applications()) {
            out.printf("  %-24s %-10s %-12s %-9s %s%n", app.name(), camel(app.sync()), camel(app.health()),
                Output.shortRev(app.appliedRevision()),
                app.conditions().isEmpty() ? "" : app.conditions().get(0).message());
          }
        }
      }
      out.flush();
      return 0;
    }
  }

  @Command(name = "history", mixinStandardHelpOptions = true,
      description = "Changes of an environment on main: revision, time, action, message, author, approver, synced.")
  static final class History implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin GitOpsOptions where;
    @Parameters(paramLabel = "ENV") String env;
    @Option(names = {"-o", "--output"}, description = "table or json") String output = "table";

    @Override
    public Integer call() {
      final List<HistoryEntry> entries;
      try (GitOpsBackend backend = where.backend()) {
        entries = backend.history(env);
      }
      final PrintWriter out = spec.commandLine().getOut();
      if ("json".equals(output)) {
        Output.json(out, entries);
        return 0;
      }
      out.printf("%-9s %-21s %-20s %-10s %-10s %-21s %s%n", "REVISION", "TIME", "ACTION", "AUTHOR", "APPROVED",
          "SYNCED", "MESSAGE");
      for (final HistoryEntry h : entries) {
        out.printf("%-9s %-21s %-20s %-10s %-10s %-21s %s%n", Output.shortRev(h.revision()), h.time(), h.action(),
            h.author(), h.approvedBy(), h.syncedAt() == null ? "" : h.syncedAt(), h.message());
      }
      out.flush();
      return 0;
    }
  }

  @Command(name = "rollback", mixinStandardHelpOptions = true,
      description = "Restore an environment's folder to a revision with a new commit on main.")
  static final class RollbackCmd implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin GitOpsOptions where;
    @Parameters(paramLabel = "ENV") String env;
    @Option(names = "--to", required = true, paramLabel = "REV") String to;
    @Option(names = "--as", paramLabel = "USER", description = "Default: $USER.") String user;

    @Override
    public Integer call() {
      final String who = user != null ? user : dev.slipway.cli.backend.Settings.fromEnvironment().env("USER");
      try (GitOpsBackend backend = where.backend()) {
        spec.commandLine().getOut().println(backend.rollback(env, to, who == null ? "" : who).summary());
      }
      spec.commandLine().getOut().flush();
      return 0;
    }
  }

  /** {@code OUT_OF_SYNC} → {@code OutOfSync}. */
  static String camel(String constant) {
    return constant == null ? "" : dev.slipway.controlplane.api.Views.camel(constant);
  }
}
