package dev.slipway.cli.command;

import dev.slipway.api.Run;
import dev.slipway.api.RunSubmission;
import dev.slipway.cli.backend.RemoteRuns;
import dev.slipway.cli.backend.RunsBackend;
import dev.slipway.cli.backend.Settings;
import dev.slipway.client.SlipwayClient;
import dev.slipway.pipeline.exec.Git;
import dev.slipway.pipeline.exec.Launcher;
import dev.slipway.pipeline.exec.ProcessStepExecutor;
import dev.slipway.pipeline.model.PipelineKind;
import dev.slipway.pipeline.model.PipelineRun;
import dev.slipway.pipeline.model.Reason;
import dev.slipway.pipeline.run.PipelineRunner;
import dev.slipway.pipeline.run.RunRequest;
import dev.slipway.pipeline.run.RunStore;
import dev.slipway.pipeline.secret.CredentialStore;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code slipway pipeline run}: one run, here, of a commit of a local repository. */
@Command(
        name = "run",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Run a pipeline of the repository's jenkins-x.yml on a clean checkout of a commit, here, without a server.",
            "Uncommitted changes are not part of the run. Exit status 0 when the run succeeds, 1 otherwise."
        })
final class PipelineRunCommand implements Callable<Integer> {

    private static final Logger LOG = LoggerFactory.getLogger(PipelineRunCommand.class);

    @Spec
    CommandSpec spec;

    @Mixin
    DataOrServer where = new DataOrServer();

    @Option(
            names = "--repository",
            paramLabel = "NAME|URL",
            description = "With --server: a repository the server hosts, or a URL or path the server can clone.")
    String repository;

    @Option(
            names = "--repo",
            paramLabel = "DIR",
            description = "The model repository (a git repository). Default: the current folder.")
    Path repo = Path.of(".");

    @Option(
            names = "--pipeline",
            paramLabel = "NAME",
            description = "release or pullRequest. Default: ${DEFAULT-VALUE}.")
    String pipeline = "release";

    @Option(
            names = "--commit",
            paramLabel = "REV",
            description = "The commit, branch or tag to run. Default: ${DEFAULT-VALUE}.")
    String commit = "HEAD";

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        PipelineKind kind = PipelineKind.parse(pipeline);
        if (where.server.given()) {
            return onServer(out, kind);
        }
        if (repository != null) {
            throw new IllegalArgumentException("--repository goes with --server; a local run takes --repo DIR");
        }
        Path dir = repo.toAbsolutePath().normalize();
        if (!Files.isDirectory(dir)) {
            err.println("error: --repo " + dir + ": no such folder");
            return 1;
        }
        Git git = new Git();
        String top;
        try {
            top = git.run(dir, "rev-parse", "--show-toplevel");
        } catch (Git.GitException e) {
            err.println("error: --repo " + dir + " is not a git repository (" + e.getMessage() + ")");
            return 1;
        }
        String branch = branchOf(git, Path.of(top), commit);
        if (!git.run(Path.of(top), "status", "--porcelain").isEmpty()) {
            out.println("note: " + top + " has uncommitted changes; the run uses the committed " + commit);
        }
        Path dataDir = where.data.path();
        PipelineRunner runner = new PipelineRunner(
                new RunStore(dataDir.resolve("runs")),
                new ProcessStepExecutor(),
                git,
                new CredentialStore(dataDir),
                System.getenv(),
                Clock.systemUTC(),
                dataDir.resolve("workspaces"));
        RunRequest request =
                RunRequest.manual(top, commit, branch, kind).withLauncher(Launcher.dir(dataDir, Launcher.SLIPWAY_MAIN));
        AtomicBoolean interrupted = new AtomicBoolean();
        CountDownLatch finished = new CountDownLatch(1);
        Thread hook = new Thread(
                () -> {
                    // Ctrl-C: cancel the run (its processes are stopped) and let it record that before the JVM exits
                    interrupted.set(true);
                    try {
                        finished.await(20, TimeUnit.SECONDS);
                    } catch (InterruptedException ignored) {
                        Thread.currentThread().interrupt();
                    }
                },
                "slipway-pipeline-cancel");
        Runtime.getRuntime().addShutdownHook(hook);
        PipelineRun run;
        try {
            run = runner.run(
                    request,
                    line -> {
                        out.println(line);
                        out.flush();
                    },
                    interrupted::get);
        } finally {
            finished.countDown();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // the hook is running
                LOG.debug("the hook is running", shuttingDown);
            }
        }
        out.println("run " + run.id() + ": " + run.condition().reason() + " (slipway pipeline show " + run.id()
                + " --data-dir " + dataDir + ")");
        out.flush();
        return run.condition().reason() == Reason.Succeeded ? 0 : 1;
    }

    /** Queues the run on a server, then follows its log until it ends. */
    private int onServer(PrintWriter out, PipelineKind kind) throws Exception {
        if (repository == null) {
            throw new IllegalArgumentException("--server needs --repository NAME|URL");
        }
        Settings settings = Settings.fromEnvironment();
        SlipwayClient client = where.client(settings);
        String user = settings.env("USER");
        String id = client.submitRun(
                        new RunSubmission(repository, commit, "", kind.yamlName(), user == null ? "cli" : user))
                .id();
        out.println("run " + id + " queued on " + client.url());
        out.flush();
        RunsBackend runs = new RemoteRuns(client);
        PipelineRuns.follow(out, true, runs, id);
        Run run = runs.get(id);
        out.println("run " + id + ": " + run.condition().reason());
        return Reason.Succeeded.name().equals(run.condition().reason()) ? 0 : 1;
    }

    /** The branch a revision names: the checked-out branch for HEAD, the name itself for a branch, else empty. */
    static String branchOf(Git git, Path repo, String rev) {
        try {
            if (rev.equals("HEAD")) {
                return git.run(repo, "symbolic-ref", "--short", "-q", "HEAD");
            }
            git.run(repo, "show-ref", "--verify", "--quiet", "refs/heads/" + rev);
            return rev;
        } catch (Git.GitException e) {
            return "";
        }
    }
}
