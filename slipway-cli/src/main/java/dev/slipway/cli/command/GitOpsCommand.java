package dev.slipway.cli.command;

import dev.slipway.cli.backend.GitOpsBackend;
import dev.slipway.cli.backend.RemoteGitOps;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * A command over a {@link GitOpsBackend} ({@code env}, {@code promotions}, {@code servers}): opens the backend, runs
 * one call on it and prints the result, closes it. Subclasses say where the backend is.
 */
abstract class GitOpsCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        final PrintWriter out = spec.commandLine().getOut();
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
