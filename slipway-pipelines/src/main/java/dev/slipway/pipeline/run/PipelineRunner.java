package dev.slipway.pipeline.run;

import dev.slipway.pipeline.exec.Cancellation;
import dev.slipway.pipeline.exec.Git;
import dev.slipway.pipeline.exec.StepExecutor;
import dev.slipway.pipeline.exec.StepOutcome;
import dev.slipway.pipeline.exec.StepSpec;
import dev.slipway.pipeline.exec.Workspace;
import dev.slipway.pipeline.log.LineSink;
import dev.slipway.pipeline.log.MaskingLineWriter;
import dev.slipway.pipeline.log.RunLog;
import dev.slipway.pipeline.log.SecretMasker;
import dev.slipway.pipeline.model.Agent;
import dev.slipway.pipeline.model.Pipeline;
import dev.slipway.pipeline.model.PipelineRun;
import dev.slipway.pipeline.model.Reason;
import dev.slipway.pipeline.model.Stage;
import dev.slipway.pipeline.model.Step;
import dev.slipway.pipeline.secret.CredentialSource;
import dev.slipway.pipeline.yaml.PipelineException;
import dev.slipway.pipeline.yaml.PipelineYamlParser;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Drives one run: checks out the commit into a fresh workspace, reads the pipeline from it (snapshotted
 * into the run), then asks {@link RunPlan} what runs next and hands each step to the {@link StepExecutor}
 * with its environment and the tightest of its step, stage and run timeouts. The record is saved after
 * every transition and always at the end; the workspace is always deleted.
 */
public final class PipelineRunner {

    private static final Logger LOG = LoggerFactory.getLogger(PipelineRunner.class);

    private final RunStore store;
    private final StepExecutor executor;
    private final Git git;
    private final CredentialSource credentials;
    private final Map<String, String> baseEnv;
    private final Clock clock;
    private final Path workspaces;
    private final dev.slipway.pipeline.exec.StepUser stepUser;
    private final PipelineYamlParser parser = new PipelineYamlParser();

    /**
     * @param store where run records and logs go
     * @param executor runs steps
     * @param git checks out workspaces
     * @param credentials what pipelines may name
     * @param baseEnv the environment steps start from (usually this process's): only its allow-listed part
     *     reaches them (PATH, HOME, locale, proxies: see {@link StepEnvironment#ALLOWED})
     * @param clock the time recorded in runs
     * @param workspaces where workspaces are made (one folder per run, deleted after it)
     */
    public PipelineRunner(
            RunStore store,
            StepExecutor executor,
            Git git,
            CredentialSource credentials,
            Map<String, String> baseEnv,
            Clock clock,
            Path workspaces) {
        this(store, executor, git, credentials, baseEnv, java.util.Set.of(), clock, workspaces);
    }

    /** As above; {@code passEnv} names more variables of {@code baseEnv} that steps get ({@code up --pass-env}). */
    public PipelineRunner(
            RunStore store,
            StepExecutor executor,
            Git git,
            CredentialSource credentials,
            Map<String, String> baseEnv,
            java.util.Set<String> passEnv,
            Clock clock,
            Path workspaces) {
        this(store, executor, git, credentials, StepEnvironment.allowed(baseEnv, passEnv), clock, workspaces, null);
    }

    private PipelineRunner(
            RunStore store,
            StepExecutor executor,
            Git git,
            CredentialSource credentials,
            Map<String, String> allowedEnv,
            Clock clock,
            Path workspaces,
            dev.slipway.pipeline.exec.StepUser stepUser) {
        this.store = Objects.requireNonNull(store, "store");
        this.executor = Objects.requireNonNull(executor, "executor");
        this.git = Objects.requireNonNull(git, "git");
        this.credentials = Objects.requireNonNull(credentials, "credentials");
        this.baseEnv = Map.copyOf(allowedEnv);
        this.clock = Objects.requireNonNull(clock, "clock");
        this.workspaces = Objects.requireNonNull(workspaces, "workspaces");
        this.stepUser = stepUser;
    }

    /**
     * A copy whose run folders (workspace and HOME) are given to {@code user}, the OS user the executor runs
     * steps as (see {@link dev.slipway.pipeline.exec.StepIsolation}).
     */
    public PipelineRunner forStepUser(dev.slipway.pipeline.exec.StepUser user) {
        return new PipelineRunner(store, executor, git, credentials, baseEnv, clock, workspaces, user);
    }

    /** The folder of a run's workspace and HOME (deleted when the run ends). */
    public Path workspace(String runId) {
        return workspaces.resolve(runId);
    }

    /** Records a new, Pending run for the request (its pipeline is read when it starts). */
    public PipelineRun create(RunRequest request) {
        Pipeline unresolved = new Pipeline(request.kind(), Agent.NONE, Map.of(), null, List.of(), List.of());
        PipelineRun run = PipelineRun.create(
                RunIds.next(clock),
                request.repository(),
                request.revision(),
                request.branch(),
                request.trigger(),
                unresolved,
                List.of(),
                clock.instant());
        store.save(run, masker(request, Map.of()));
        LOG.info(
                "run {} created: {} pipeline of {} at {} ({})",
                run.id(),
                request.kind().yamlName(),
                request.repository(),
                request.revision(),
                request.trigger());
        return run;
    }

    /** Creates and runs. */
    public PipelineRun run(RunRequest request, LineSink listener, Cancellation cancellation) {
        return execute(create(request), request, listener, cancellation);
    }

    /** Runs a created run to its end; {@code listener} receives the masked log as it is written. */
    public PipelineRun execute(PipelineRun created, RunRequest request, LineSink listener, Cancellation cancellation) {
        String id = created.id();
        Cancellation cancelled = () -> cancellation.isCancelled() || store.isCancelRequested(id);
        SecretMasker masker = masker(request, Map.of());
        store.markRunner(id, ProcessHandle.current().pid());
        PipelineRun run = RunPlan.accept(created, clock.instant());
        store.save(run, masker);
        LOG.info("run {} started", id);
        Workspace workspace = null;
        RunLog log = new RunLog(store.dir(id), masker, listener);
        try {
            log.note("run " + id + ": " + request.kind().yamlName() + " pipeline of " + request.repository() + " at "
                    + request.revision());
            try {
                workspace = Workspace.checkout(
                        git,
                        request.repository(),
                        request.revision(),
                        workspaces.resolve(id).resolve("workspace"));
            } catch (Git.GitException e) {
                return finish(
                        RunPlan.abort(run, Reason.Failed, "checkout failed: " + e.getMessage(), clock.instant()),
                        log,
                        masker);
            }
            run = run.withCommit(workspace.commit());
            final Map<String, String> author = author(workspace);
            PipelineLoader.Loaded loaded;
            try {
                loaded = new PipelineLoader(parser, credentials)
                        .load(workspace.dir(), request.kind(), request.repository(), request.branch());
            } catch (PipelineException e) {
                return finish(RunPlan.abort(run, Reason.Failed, e.getMessage(), clock.instant()), log, masker);
            }
            masker = masker(request, loaded.credentials());
            log = reopen(log, id, masker, listener);
            run = RunPlan.accept(
                    PipelineRun.create(
                            id,
                            run.repository(),
                            run.commit(),
                            run.branch(),
                            run.trigger(),
                            loaded.pipeline(),
                            loaded.warnings(),
                            run.createTime()),
                    run.startTime());
            for (String w : loaded.warnings()) {
                log.note("warning: " + w);
            }
            store.save(run, masker);
            final Path home = StepHome.prepare(workspaces.resolve(id), baseEnv.get("HOME"), stepUser);
            final Map<String, String> runVars = new java.util.LinkedHashMap<>(author);
            runVars.put("HOME", home.toString());
            runVars.put("TMPDIR", home.resolve("tmp").toString());
            if (stepUser != null) {
                // Java reads its user.home from the password entry, not HOME: the step user's JVMs (Maven, the slipway
                // CLI)
                // must use the run's private HOME too
                runVars.put("JAVA_TOOL_OPTIONS", "-Duser.home=" + home + " -Djava.io.tmpdir=" + home.resolve("tmp"));
            }
            run = steps(
                    run,
                    request,
                    workspace.dir(),
                    new StepEnvironment(baseEnv, loaded.credentials(), runVars),
                    log,
                    masker,
                    cancelled);
            return finish(run, log, masker);
        } catch (RuntimeException e) {
            if (!run.isDone()) {
                run = RunPlan.abort(run, Reason.Failed, "internal error: " + e, clock.instant());
                return finish(run, log, masker);
            }
            throw e;
        } finally {
            if (workspace != null) {
                workspace.close();
            }
            Workspace.delete(workspaces.resolve(id));
            log.close();
        }
    }

    private PipelineRun steps(
            PipelineRun run,
            RunRequest request,
            Path ws,
            StepEnvironment env,
            RunLog log,
            SecretMasker masker,
            Cancellation cancelled) {
        long runStart = System.nanoTime();
        long[] stageStart = new long[run.stages().size()];
        while (RunPlan.next(run) instanceof RunPlan.Execute next) {
            if (cancelled.isCancelled()) {
                return RunPlan.abort(run, Reason.Cancelled, "cancelled", clock.instant());
            }
            Stage stage = run.pipeline().stages().get(next.stage());
            Step step = stage.steps().get(next.step());
            if (stageStart[next.stage()] == 0) {
                stageStart[next.stage()] = System.nanoTime();
            }
            Path dir = step.dir() == null ? ws : ws.resolve(step.dir());
            run = RunPlan.stepStarted(run, next.stage(), next.step(), clock.instant());
            store.save(run, masker);
            log.note("==> stage " + stage.name() + ", step " + step.name() + ": " + String.join(" ", step.argv())
                    + (step.dir() == null ? "" : " (in " + step.dir() + ")"));
            long t0 = System.nanoTime();
            StepOutcome outcome;
            if (!Files.isDirectory(dir)) {
                outcome = new StepOutcome(
                        Reason.Failed, null, "dir " + step.dir() + " does not exist at commit " + abbrev(run.commit()));
                log.note(outcome.message());
            } else {
                StepSpec spec = spec(
                        step,
                        dir,
                        env.of(run, request, ws, stage, step),
                        List.of(
                                new Limit(step.timeout(), 0, "step"),
                                new Limit(stage.timeout(), stageStart[next.stage()], "stage"),
                                new Limit(run.pipeline().timeout(), runStart, "run")),
                        store.dir(run.id()).resolve(RunStore.STEP_PROCESS),
                        workspaces.resolve(run.id()));
                try (MaskingLineWriter out = log.step(
                        run.stages().get(next.stage()).steps().get(next.step()).log())) {
                    outcome = executor.execute(spec, out, cancelled);
                }
            }
            run = RunPlan.stepFinished(
                    run,
                    next.stage(),
                    next.step(),
                    outcome.reason(),
                    outcome.message(),
                    outcome.exitCode(),
                    clock.instant());
            store.save(run, masker);
            log.note("<== step " + step.name() + " " + outcome.reason() + " in " + seconds(System.nanoTime() - t0)
                    + (outcome.reason() == Reason.Succeeded ? "" : ": " + outcome.message()));
        }
        return run;
    }

    /**
     * The checked-out commit's author and committer as git's own variables ({@code GIT_AUTHOR_NAME},
     * {@code GIT_AUTHOR_EMAIL}, {@code GIT_COMMITTER_NAME}, {@code GIT_COMMITTER_EMAIL}), so that what a step
     * commits or promotes is attributed to whoever pushed the change, not to the server's account.
     */
    private Map<String, String> author(Workspace workspace) {
        final String[] lines = git.run(workspace.dir(), "log", "-1", "--format=%an%n%ae%n%cn%n%ce", workspace.commit())
                .split("\n", -1);
        final Map<String, String> env = new java.util.LinkedHashMap<>();
        final String[] names = {"GIT_AUTHOR_NAME", "GIT_AUTHOR_EMAIL", "GIT_COMMITTER_NAME", "GIT_COMMITTER_EMAIL"};
        for (int i = 0; i < names.length && i < lines.length; i++) {
            env.put(names[i], lines[i].strip());
        }
        return env;
    }

    private record Limit(Duration limit, long since, String source) {}

    /** The tightest of the step's own timeout and what is left of its stage's and the run's. */
    private static StepSpec spec(
            Step step, Path dir, Map<String, String> env, List<Limit> limits, Path processFile, Path runDir) {
        Duration best = null;
        String source = null;
        long now = System.nanoTime();
        for (Limit l : limits) {
            if (l.limit() == null) {
                continue;
            }
            Duration left = l.since() == 0 ? l.limit() : l.limit().minusNanos(now - l.since());
            if (best == null || left.compareTo(best) < 0) {
                best = left;
                source = l.source();
            }
        }
        if (best != null && best.toMillis() < 1) {
            best = Duration.ofMillis(1);
        }
        return new StepSpec(step.name(), step.argv(), dir, env, best, source, processFile, runDir);
    }

    private PipelineRun finish(PipelineRun run, RunLog log, SecretMasker masker) {
        PipelineRun done = run.isDone() ? run : RunPlan.finish(run, clock.instant());
        store.save(done, masker);
        LOG.info(
                "run {} {}: {}",
                done.id(),
                done.condition().reason(),
                masker.mask(done.condition().message()));
        log.note("run " + done.id() + " " + done.condition().reason() + ": "
                + done.condition().message());
        return done;
    }

    private RunLog reopen(RunLog log, String id, SecretMasker masker, LineSink listener) {
        log.close();
        return new RunLog(store.dir(id), masker, listener);
    }

    private static SecretMasker masker(RunRequest request, Map<String, String> credentialValues) {
        List<String> secrets = new ArrayList<>(credentialValues.values());
        if (request.token() != null) {
            secrets.add(request.token());
        }
        return SecretMasker.of(secrets);
    }

    private static String seconds(long nanos) {
        return String.format(java.util.Locale.ROOT, "%.1fs", nanos / 1e9);
    }

    private static String abbrev(String commit) {
        return commit.length() > 12 ? commit.substring(0, 12) : commit;
    }
}
