package dev.slipway.cli.command;

import dev.slipway.cli.backend.GitOpsBackend;
import dev.slipway.cli.backend.RemoteGitOps;
import java.io.PrintWriter;
import picocli.CommandLine.Mixin;

/**
 * A command over a {@link GitOpsBackend} ({@code env}, {@code promotions}, {@code servers}): opens the backend, runs
 * one call on it and prints the result, closes it. Subclasses say where the backend is.
 */
abstract class GitOpsCommand extends CliCommand {

    @Override
    public Integer call() {
        final PrintWriter out = out();
        try (GitOpsBackend backend = backend()) {
            run(backend, out);
        }
        out.flush();
        return 0;
    }

    abstract GitOpsBackend backend();

    abstract void run(GitOpsBackend backend, PrintWriter out);

    /** On the GitOps repository or through {@code slipway up}, as {@link GitOpsOptions} say. */
    abstract static class OnRepository extends GitOpsCommand {
        @Mixin
        GitOpsOptions where = new GitOpsOptions();

        @Override
        GitOpsBackend backend() {
            return where.backend();
        }
    }

    /** Shows one record (named by a parameter of the subclass) as {@code -o} asks: text, JSON or YAML. */
    abstract static class ShowOne<T> extends OnRepository {
        @Mixin
        OutputFormat output = new OutputFormat();

        abstract T fetch(GitOpsBackend backend);

        abstract void text(PrintWriter out, T record);

        @Override
        void run(GitOpsBackend backend, PrintWriter out) {
            final T record = fetch(backend);
            Output.print(out, output, record, o -> text(o, record));
        }
    }

    /** Through {@code slipway up} only: what needs its sync controller ({@code --server}, else the default). */
    abstract static class OnControlPlane extends GitOpsCommand {
        @Mixin
        ServerOption server = new ServerOption();

        @Override
        GitOpsBackend backend() {
            return new RemoteGitOps(server.client());
        }
    }
}
