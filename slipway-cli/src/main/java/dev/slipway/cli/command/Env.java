package dev.slipway.cli.command;

import dev.slipway.api.ChangeResult;
import dev.slipway.api.Condition;
import dev.slipway.api.EnvironmentStatus;
import dev.slipway.api.HistoryEntry;
import dev.slipway.api.RollbackRequest;
import dev.slipway.cli.backend.GitOpsBackend;
import dev.slipway.cli.backend.Settings;
import java.io.PrintWriter;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code slipway env status|history|rollback|sync}: environments of the GitOps repository, application by application
 * (ArgoCD's unit), over a {@link GitOpsBackend}. Status and sync need the sync controller (a control plane).
 */
@Command(
        name = "env",
        mixinStandardHelpOptions = true,
        description = "Environments and their applications: status, history, rollback, sync.",
        subcommands = {Env.Status.class, Env.History.class, Env.RollbackCmd.class, Env.Sync.class})
public final class Env {

    /** {@code ENV [APP]}: an environment and, optionally, one application in it. */
    static final class EnvAndApp {
        @Parameters(index = "0", paramLabel = "ENV")
        String env;

        @Parameters(index = "1", arity = "0..1", paramLabel = "APP", description = "One application in it.")
        @org.jspecify.annotations.Nullable
        String app;
    }

    @Command(
            name = "status",
            mixinStandardHelpOptions = true,
            description =
                    "Applications: sync (Synced|OutOfSync), health (Healthy|Progressing|Degraded|Missing|Suspended), "
                            + "revision, message; with APP its conditions and events (from slipway up: --server or SLIPWAY_URL).")
    static final class Status extends GitOpsCommand.OnControlPlane {
        @Parameters(index = "0", arity = "0..1", paramLabel = "ENV")
        String env;

        @Parameters(index = "1", arity = "0..1", paramLabel = "APP")
        String app;

        @Mixin
        OutputFormat output = new OutputFormat();

        @Override
        void run(GitOpsBackend backend, PrintWriter out) {
            final List<EnvironmentStatus> envs = backend.status(env);
            if (app != null) {
                final EnvironmentStatus e = envs.get(0);
                final EnvironmentStatus.Application a = e.application(app)
                        .orElseThrow(() ->
                                new IllegalArgumentException("no application '" + app + "' in " + e.name() + " (known: "
                                        + String.join(
                                                ", ",
                                                e.applications().stream()
                                                        .map(EnvironmentStatus.Application::name)
                                                        .toList())
                                        + ")"));
                Output.print(out, output, a, o -> application(o, e, a));
                return;
            }
            Output.print(out, output, env == null ? envs : envs.get(0), o -> {
                for (final EnvironmentStatus e : envs) {
                    o.println(e.name() + " (namespace " + e.namespace() + ", " + e.promotion() + ") at "
                            + Output.shortRev(e.revision()) + ": "
                            + (e.conditions().isEmpty()
                                    ? ""
                                    : e.conditions().get(0).message()));
                    applications(e.applications()).print(o, output.wide());
                }
            });
        }

        /** One row per application; {@code -o wide} adds the namespace, the file and main's revision. */
        static Table applications(List<EnvironmentStatus.Application> apps) {
            final Table t = Table.of(
                            "APPLICATION", "SYNC", "HEALTH", "REVISION", "NAMESPACE", "FILE", "MAIN", "MESSAGE")
                    .wide("NAMESPACE", "FILE", "MAIN")
                    .indent("  ");
            for (final EnvironmentStatus.Application a : apps) {
                t.row(
                        a.name(),
                        a.sync(),
                        a.health(),
                        Output.shortRev(a.appliedRevision()),
                        a.namespace(),
                        a.file(),
                        Output.shortRev(a.revision()),
                        a.message());
            }
            return t;
        }

        private static void application(PrintWriter out, EnvironmentStatus e, EnvironmentStatus.Application a) {
            out.println(a.name() + " in " + e.name() + " (namespace " + a.namespace() + ", " + a.file() + ")");
            out.println("  sync:     " + a.sync() + " (main at " + Output.shortRev(a.revision()) + ", applied "
                    + (a.appliedRevision().isEmpty() ? "never" : Output.shortRev(a.appliedRevision())) + ")");
            out.println("  health:   " + a.health());
            out.println("  message:  " + a.message());
            out.println("  conditions:");
            for (final Condition c : a.conditions()) {
                out.println("    " + c.type() + "=" + c.status() + " " + c.reason() + ": " + c.message());
            }
            final var events = e.events().stream()
                    .filter(v -> v.application().equals(a.name()))
                    .toList();
            if (!events.isEmpty()) {
                out.println("  events:");
                events.forEach(v -> out.println("    " + v.time() + " " + v.reason() + ": " + v.message()));
            }
        }
    }

    @Command(
            name = "history",
            mixinStandardHelpOptions = true,
            description =
                    "Changes of an environment (or of one application in it) on main: revision, time, action, author, "
                            + "approver, when synced, message.")
    static final class History extends GitOpsCommand.OnRepository {
        @Mixin
        EnvAndApp target = new EnvAndApp();

        @Mixin
        OutputFormat output = new OutputFormat();

        @Override
        void run(GitOpsBackend backend, PrintWriter out) {
            final List<HistoryEntry> entries = backend.history(target.env, target.app);
            final Table t = Table.of("REVISION", "TIME", "ACTION", "AUTHOR", "APPROVED", "SYNCED", "MESSAGE");
            for (final HistoryEntry h : entries) {
                t.row(
                        Output.shortRev(h.revision()),
                        h.time(),
                        h.action(),
                        h.author(),
                        h.approvedBy(),
                        h.syncedAt(),
                        h.message().lines().findFirst().orElse(""));
            }
            Output.print(out, output, entries, o -> t.print(o, output.wide()));
        }
    }

    @Command(
            name = "rollback",
            mixinStandardHelpOptions = true,
            description =
                    "Restore one application's files (or, with --all, the whole environment folder) to a revision with "
                            + "a new commit on main; --dry-run shows the diff.")
    static final class RollbackCmd extends GitOpsCommand.OnRepository {
        @Mixin
        EnvAndApp target = new EnvAndApp();

        @Option(names = "--to", required = true, paramLabel = "REV")
        String to;

        @Option(
                names = "--all",
                description = "Roll back every application of the environment (lists what it removes).")
        boolean all;

        @Option(names = "--dry-run", description = "Show the diff; commit nothing.")
        boolean dryRun;

        @Option(names = "--reason", paramLabel = "TEXT", description = "Why (recorded in the commit).")
        String reason;

        @Option(names = "--as", paramLabel = "USER", description = "Default: $USER.")
        String user;

        @Override
        void run(GitOpsBackend backend, PrintWriter out) {
            if (target.app != null && all) {
                throw new IllegalArgumentException("give APP or --all, not both");
            }
            final String who = user != null ? user : Settings.fromEnvironment().env("USER");
            final ChangeResult r = backend.rollback(
                    target.env, new RollbackRequest(to, who == null ? "" : who, target.app, reason, all, dryRun));
            if (dryRun && r.diff() != null) {
                out.print(r.diff());
            }
            if (!dryRun && r.removes() != null && !r.removes().isEmpty()) {
                out.println("removed from " + target.env + ": " + String.join(", ", r.removes()));
            }
            out.println(r.summary());
        }
    }

    @Command(
            name = "sync",
            mixinStandardHelpOptions = true,
            description =
                    "Reconcile an environment now (fetching first); with APP a drifted application is put back at once. "
                            + "Prints the status after that pass (from slipway up: --server or SLIPWAY_URL).")
    static final class Sync extends GitOpsCommand.OnControlPlane {
        @Mixin
        EnvAndApp target = new EnvAndApp();

        @Override
        void run(GitOpsBackend backend, PrintWriter out) {
            final EnvironmentStatus e = backend.sync(target.env, target.app);
            out.println("synced " + e.name() + " at " + Output.shortRev(e.revision()) + ": "
                    + (e.conditions().isEmpty() ? "" : e.conditions().get(0).message()));
            Status.applications(e.applications().stream()
                            .filter(a -> target.app == null || a.name().equals(target.app))
                            .toList())
                    .print(out);
        }
    }
}
