package dev.slipway.cli.command;

import dev.slipway.api.ChangeResult;
import dev.slipway.api.Condition;
import dev.slipway.api.EnvironmentStatus;
import dev.slipway.api.HistoryEntry;
import dev.slipway.api.RollbackRequest;
import dev.slipway.cli.backend.GitOpsBackend;
import dev.slipway.cli.backend.RemoteGitOps;
import dev.slipway.cli.backend.Settings;
import java.io.PrintWriter;
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
 * (ArgoCD's unit), over a {@link GitOpsBackend}. Status and sync need the sync controller (a control plane).
 */
@Command(
        name = "env",
        mixinStandardHelpOptions = true,
        description = "Environments and their applications: status, history, rollback, sync.",
        subcommands = {Env.Status.class, Env.History.class, Env.RollbackCmd.class, Env.Sync.class})
public final class Env {

    /** The sync controller lives only in a control plane: the default server when none is named. */
    static GitOpsBackend controlPlane(String server) {
        return new RemoteGitOps(Settings.fromEnvironment().client(server));
    }

    @Command(
            name = "status",
            mixinStandardHelpOptions = true,
            description =
                    "Applications: sync (Synced|OutOfSync), health (Healthy|Progressing|Degraded|Missing|Suspended), "
                            + "revision, message; with APP its conditions and events (from slipway up: --server or SLIPWAY_URL).")
    static final class Status implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(names = "--server", paramLabel = "URL", description = "Control plane API; env SLIPWAY_URL.")
        String server;

        @Parameters(index = "0", arity = "0..1", paramLabel = "ENV")
        String env;

        @Parameters(index = "1", arity = "0..1", paramLabel = "APP")
        String app;

        @Mixin
        OutputFormat output = new OutputFormat();

        @Override
        public Integer call() {
            final PrintWriter out = spec.commandLine().getOut();
            final List<EnvironmentStatus> envs;
            try (GitOpsBackend backend = controlPlane(server)) {
                envs = backend.status(env);
            }
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
                return 0;
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
            return 0;
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
    static final class History implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        GitOpsOptions where;

        @Parameters(index = "0", paramLabel = "ENV")
        String env;

        @Parameters(index = "1", arity = "0..1", paramLabel = "APP")
        String app;

        @Mixin
        OutputFormat output = new OutputFormat();

        @Override
        public Integer call() {
            final List<HistoryEntry> entries;
            try (GitOpsBackend backend = where.backend()) {
                entries = backend.history(env, app);
            }
            final PrintWriter out = spec.commandLine().getOut();
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
            return 0;
        }
    }

    @Command(
            name = "rollback",
            mixinStandardHelpOptions = true,
            description =
                    "Restore one application's files (or, with --all, the whole environment folder) to a revision with "
                            + "a new commit on main; --dry-run shows the diff.")
    static final class RollbackCmd implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        GitOpsOptions where;

        @Parameters(index = "0", paramLabel = "ENV")
        String env;

        @Parameters(index = "1", arity = "0..1", paramLabel = "APP", description = "The application to roll back.")
        String app;

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
        public Integer call() {
            if (app != null && all) {
                throw new IllegalArgumentException("give APP or --all, not both");
            }
            final String who = user != null ? user : Settings.fromEnvironment().env("USER");
            final ChangeResult r;
            try (GitOpsBackend backend = where.backend()) {
                r = backend.rollback(env, new RollbackRequest(to, who == null ? "" : who, app, reason, all, dryRun));
            }
            final PrintWriter out = spec.commandLine().getOut();
            if (dryRun && r.diff() != null) {
                out.print(r.diff());
            }
            if (!dryRun && r.removes() != null && !r.removes().isEmpty()) {
                out.println("removed from " + env + ": " + String.join(", ", r.removes()));
            }
            out.println(r.summary());
            out.flush();
            return 0;
        }
    }

    @Command(
            name = "sync",
            mixinStandardHelpOptions = true,
            description =
                    "Reconcile an environment now (fetching first); with APP a drifted application is put back at once. "
                            + "Prints the status after that pass (from slipway up: --server or SLIPWAY_URL).")
    static final class Sync implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(names = "--server", paramLabel = "URL", description = "Control plane API; env SLIPWAY_URL.")
        String server;

        @Parameters(index = "0", paramLabel = "ENV")
        String env;

        @Parameters(index = "1", arity = "0..1", paramLabel = "APP")
        String app;

        @Override
        public Integer call() {
            final EnvironmentStatus e;
            try (GitOpsBackend backend = controlPlane(server)) {
                e = backend.sync(env, app);
            }
            final PrintWriter out = spec.commandLine().getOut();
            out.println("synced " + e.name() + " at " + Output.shortRev(e.revision()) + ": "
                    + (e.conditions().isEmpty() ? "" : e.conditions().get(0).message()));
            Status.applications(e.applications().stream()
                            .filter(a -> app == null || a.name().equals(app))
                            .toList())
                    .print(out);
            return 0;
        }
    }
}
