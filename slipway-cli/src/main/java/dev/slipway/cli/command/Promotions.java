package dev.slipway.cli.command;

import dev.slipway.api.Promotion;
import dev.slipway.cli.backend.GitOpsBackend;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code slipway promotions list|show|approve|reject}: review of promotion requests, on the GitOps repository or
 * through {@code slipway up} (one implementation each; see {@link GitOpsBackend}).
 */
@Command(
        name = "promotions",
        mixinStandardHelpOptions = true,
        description = "Promotion requests to approval environments: list, show (with the diff), approve, reject.",
        subcommands = {
            Promotions.ListCmd.class,
            Promotions.Show.class,
            Promotions.Approve.class,
            Promotions.Reject.class
        })
public final class Promotions {

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List promotion requests, newest first.")
    static final class ListCmd extends GitOpsCommand.OnRepository {
        @Option(names = "--env", paramLabel = "ENV")
        String env;

        @Option(names = "--state", paramLabel = "STATE", description = "open, approved, rejected, merged, superseded")
        String state;

        @Mixin
        OutputFormat output = new OutputFormat();

        @Override
        void run(GitOpsBackend backend, PrintWriter out) {
            final List<Promotion> all = backend.promotions(env, state);
            final Table t = Table.of("ID", "ENV", "STATE", "AUTHOR", "DEPLOYMENTS", "ASSIGNEES", "SOURCE", "BRANCH")
                    .wide("SOURCE", "BRANCH");
            for (final Promotion r : all) {
                t.row(
                        r.id(),
                        r.environment(),
                        r.state().toLowerCase(Locale.ROOT),
                        r.author(),
                        Output.join(r.deployments()),
                        Output.join(r.assignees()),
                        r.sourceRepository() + " " + Output.shortRev(r.sourceCommit()),
                        r.branch());
            }
            Output.print(out, output, all, o -> t.print(o, output.wide()));
        }
    }

    @Command(name = "show", mixinStandardHelpOptions = true, description = "A promotion request and its diff.")
    static final class Show extends GitOpsCommand.OnRepository {
        @Parameters(paramLabel = "ID")
        String id;

        @Mixin
        OutputFormat output = new OutputFormat();

        @Override
        void run(GitOpsBackend backend, PrintWriter out) {
            final Promotion r = backend.promotion(id);
            Output.print(out, output, r, o -> text(o, r));
        }

        private static void text(PrintWriter out, Promotion r) {
            out.println("id:          " + r.id());
            out.println("environment: " + r.environment());
            out.println("state:       " + r.state().toLowerCase(Locale.ROOT));
            out.println("author:      " + r.author() + " " + r.email());
            out.println("assignees:   " + Output.join(r.assignees()));
            out.println("source:      " + r.sourceRepository() + " " + r.sourceCommit());
            out.println("branch:      " + r.branch() + " at " + r.headCommit());
            out.println("files:       " + Output.join(r.changedFiles()));
            if (r.conflict() != null) {
                out.println("conflict:    " + r.conflict());
            }
            for (final Promotion.Decision d : r.decisions()) {
                out.println("decision:    " + d.at() + " " + d.user() + " "
                        + d.verdict().toLowerCase(Locale.ROOT) + ": " + d.reason());
            }
            out.println();
            final String diff = r.diff() == null ? "" : r.diff();
            out.print(diff.isEmpty() || diff.endsWith("\n") ? diff : diff + "\n");
        }
    }

    @Command(
            name = "approve",
            mixinStandardHelpOptions = true,
            description = "Approve and merge a request (a listed approver who is not its author).")
    static final class Approve extends GitOpsCommand.OnRepository {
        @Parameters(paramLabel = "ID")
        String id;

        @Option(names = "--as", required = true, paramLabel = "USER")
        String user;

        @Override
        void run(GitOpsBackend backend, PrintWriter out) {
            final Promotion r = backend.approve(id, user);
            out.println("promotion " + r.id() + " approved by " + user + " and merged into main: " + r.mergeCommit());
        }
    }

    @Command(name = "reject", mixinStandardHelpOptions = true, description = "Reject a request, with a reason.")
    static final class Reject extends GitOpsCommand.OnRepository {
        @Parameters(paramLabel = "ID")
        String id;

        @Option(names = "--as", required = true, paramLabel = "USER")
        String user;

        @Option(names = "--reason", required = true, paramLabel = "TEXT")
        String reason;

        @Override
        void run(GitOpsBackend backend, PrintWriter out) {
            out.println("promotion " + backend.reject(id, user, reason).id() + " rejected by " + user);
        }
    }
}
