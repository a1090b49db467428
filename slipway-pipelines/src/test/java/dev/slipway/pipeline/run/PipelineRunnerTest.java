package dev.slipway.pipeline.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.slipway.pipeline.exec.Cancellation;
import dev.slipway.pipeline.exec.Git;
import dev.slipway.pipeline.exec.ProcessStepExecutor;
import dev.slipway.pipeline.exec.ProcessTree;
import dev.slipway.pipeline.log.LineSink;
import dev.slipway.pipeline.model.PipelineKind;
import dev.slipway.pipeline.model.PipelineRun;
import dev.slipway.pipeline.model.Reason;
import dev.slipway.pipeline.model.StepRun;
import dev.slipway.pipeline.secret.CredentialSource;
import dev.slipway.pipeline.secret.CredentialStore;
import dev.slipway.pipeline.testing.TestRepo;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Tests for {@link PipelineRunner}: real git repositories, real processes. */
class PipelineRunnerTest {

    @TempDir
    Path tmp;

    private final List<String> console = new CopyOnWriteArrayList<>();

    private PipelineRunner runner(CredentialSource credentials) {
        return new PipelineRunner(
                new RunStore(tmp.resolve("runs")),
                new ProcessStepExecutor(Duration.ofSeconds(2), Duration.ofMillis(50)),
                new Git(),
                credentials,
                System.getenv(),
                Clock.systemUTC(),
                tmp.resolve("ws"));
    }

    private TestRepo repo(String yaml) throws Exception {
        TestRepo r = TestRepo.init(tmp.resolve("repo"));
        r.write("jenkins-x.yml", yaml).write("models/news/README", "model here\n");
        r.commit("initial");
        return r;
    }

    private PipelineRun run(TestRepo repo, CredentialSource credentials) {
        RunRequest req = RunRequest.manual(repo.dir().toString(), "HEAD", "main", PipelineKind.release)
                .withLauncher(tmp.resolve("bin"));
        return runner(credentials).run(req, console::add, Cancellation.never());
    }

    private static String pipeline(String stages) {
        return "buildPack: none\npipelineConfig:\n  pipelines:\n    release:\n      pipeline:\n" + stages.indent(8);
    }

    private String log(PipelineRun run) throws Exception {
        return Files.readString(new RunStore(tmp.resolve("runs")).log(run.id()));
    }

    @Test
    void run_passingSteps_succeedsWithVariablesAndDir() throws Exception {
        TestRepo repo = repo(pipeline("""
        environment: [{name: WHO, value: pipeline}]
        stages:
        - name: test
          env: [{name: STAGE, value: s1}]
          steps:
          - name: vars
            command: 'echo "commit=$GIT_COMMIT branch=$GIT_BRANCH who=$WHO stage=$STAGE run=$SLIPWAY_RUN_ID"'
          - name: author
            command: 'echo "author=$GIT_AUTHOR_NAME <$GIT_AUTHOR_EMAIL> committer=$GIT_COMMITTER_NAME"'
          - name: where
            command: pwd
            dir: /workspace/source/models/news
          - name: version
            command: 'echo "version=$VERSION"'
          - name: own-version
            command: 'echo "own=$VERSION"'
            env: [{name: VERSION, value: 1.2.3}]
        - name: path
          steps:
          - command: 'echo "path=$PATH"'
            env: [{name: WHO, value: step}]
        """));
        PipelineRun run = run(repo, CredentialSource.empty());

        assertThat(run.condition().reason()).as(log(run)).isEqualTo(Reason.Succeeded);
        assertThat(run.commit()).isEqualTo(repo.head());
        assertThat(run.stages())
                .allSatisfy(s -> assertThat(s.condition().reason()).isEqualTo(Reason.Succeeded));
        assertThat(run.stages().get(0).steps()).extracting(StepRun::exitCode).containsExactly(0, 0, 0, 0, 0);
        String log = log(run);
        // VERSION: the commit's first 12 hex digits, unless the pipeline sets its own
        assertThat(log)
                .contains("version=" + repo.head().substring(0, 12) + "\n")
                .contains("own=1.2.3\n");
        assertThat(log).contains("commit=" + repo.head() + " branch=main who=pipeline stage=s1 run=" + run.id());
        // the pushed commit's identity, whatever the runner's own environment says
        assertThat(log).contains("author=Data Scientist <ds@example.com> committer=Data Scientist");
        assertThat(log).containsPattern("/ws/" + run.id() + "/workspace/models/news\n");
        assertThat(log).contains("path=" + tmp.resolve("bin").toAbsolutePath() + ":");
        assertThat(console)
                .contains("<== step vars Succeeded in "
                        + console.stream()
                                .filter(l -> l.startsWith("<== step vars"))
                                .findFirst()
                                .orElseThrow()
                                .substring("<== step vars Succeeded in ".length()));
        assertThat(tmp.resolve("ws").resolve(run.id())).doesNotExist();
        assertThat(new RunStore(tmp.resolve("runs")).find(run.id())).contains(run);
    }

    @Test
    void run_programOnTheLauncherPath_isFoundThere() throws Exception {
        Path bin = Files.createDirectories(tmp.resolve("bin"));
        Path tool = bin.resolve("my-launcher-tool");
        Files.writeString(tool, "#!/bin/sh\necho \"launcher tool ran with $1\"\n");
        tool.toFile().setExecutable(true);
        TestRepo repo = repo(pipeline("stages: [{name: s, steps: [{command: my-launcher-tool, args: [x]}]}]"));
        PipelineRun run = run(repo, CredentialSource.empty());
        assertThat(run.condition().reason()).as(log(run)).isEqualTo(Reason.Succeeded);
        assertThat(log(run)).contains("launcher tool ran with x");
    }

    @Test
    void run_workspace_isTheCommitNotTheWorkingTree() throws Exception {
        TestRepo repo = repo(pipeline("stages: [{name: s, steps: [{command: 'cat models/news/README; ls'}]}]"));
        repo.write("models/news/README", "uncommitted edit\n").write("untracked.txt", "x");
        PipelineRun run = run(repo, CredentialSource.empty());
        assertThat(log(run))
                .contains("model here")
                .doesNotContain("uncommitted edit")
                .doesNotContain("untracked.txt");
    }

    @Test
    void run_failingStep_failsStageAndSkipsTheRest() throws Exception {
        TestRepo repo = repo(pipeline("""
        stages:
        - name: first
          steps:
          - {name: ok, command: 'true'}
          - {name: broken, command: 'echo about to fail; exit 3'}
          - {name: never, command: 'echo SHOULD-NOT-RUN'}
        - name: second
          steps:
          - {name: later, command: 'echo SHOULD-NOT-RUN'}
        """));
        PipelineRun run = run(repo, CredentialSource.empty());

        assertThat(run.condition().reason()).isEqualTo(Reason.Failed);
        assertThat(run.condition().message()).isEqualTo("stage first, step broken: exit code 3");
        assertThat(run.stages().get(0).condition().reason()).isEqualTo(Reason.Failed);
        assertThat(run.stages().get(0).steps())
                .extracting(s -> s.condition().reason())
                .containsExactly(Reason.Succeeded, Reason.Failed, Reason.Skipped);
        assertThat(run.stages().get(0).steps().get(1).exitCode()).isEqualTo(3);
        assertThat(run.stages().get(1).condition().reason()).isEqualTo(Reason.Skipped);
        assertThat(run.stages().get(1).steps().get(0).condition().reason()).isEqualTo(Reason.Skipped);
        assertThat(log(run)).contains("about to fail").doesNotContain("SHOULD-NOT-RUN");
    }

    @Test
    void run_missingProgram_failsWithTheReason() throws Exception {
        TestRepo repo = repo(pipeline("stages: [{name: s, steps: [{command: no-such-program-xyz, args: [a]}]}]"));
        PipelineRun run = run(repo, CredentialSource.empty());
        assertThat(run.condition().reason()).isEqualTo(Reason.Failed);
        assertThat(run.condition().message()).contains("cannot start no-such-program-xyz");
    }

    @Test
    void run_stepTimeout_killsTheWholeProcessTree() throws Exception {
        TestRepo repo = repo(pipeline("""
        stages:
        - name: slow
          steps:
          - name: spawner
            timeout: 1s
            command: 'echo "shell=$$"; sh -c ''sleep 300 & echo "grandchild=$!"; sleep 300'' & (sleep 300 & echo "orphan=$!"); wait'
        """));
        PipelineRun run = run(repo, CredentialSource.empty());

        assertThat(run.condition().reason()).as(log(run)).isEqualTo(Reason.TimedOut);
        assertThat(run.stages().get(0).steps().get(0).condition().message())
                .isEqualTo("timed out after 1s (step timeout)");
        List<Long> pids = pids(log(run));
        assertThat(pids).hasSize(3);
        for (long pid : pids) {
            assertThat(ProcessHandle.of(pid).filter(ProcessTree::live))
                    .as("pid " + pid + " still running")
                    .isEmpty();
        }
    }

    @Test
    void run_backgroundProcessLeftBySucceedingStep_isStoppedAndTheRunGoesOn() throws Exception {
        TestRepo repo = repo(pipeline("""
        stages:
        - name: s
          steps:
          - {name: leaves, command: 'sleep 300 & echo "child=$!"'}
          - {name: next, command: 'echo next ran'}
        """));
        long t0 = System.nanoTime();
        PipelineRun run = run(repo, CredentialSource.empty());
        assertThat(run.condition().reason()).as(log(run)).isEqualTo(Reason.Succeeded);
        assertThat(log(run)).contains("next ran");
        assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(60));
        List<Long> pids = pids(log(run));
        assertThat(pids).hasSize(1);
        assertThat(ProcessHandle.of(pids.get(0)).filter(ProcessTree::live))
                .as("left-behind child still running")
                .isEmpty();
    }

    @Test
    void run_stageTimeout_appliesToItsSteps() throws Exception {
        TestRepo repo = repo(pipeline("""
        stages:
        - name: slow
          options: {timeout: {time: 1, unit: seconds}}
          steps:
          - {name: a, command: sleep, args: ['300']}
        """));
        PipelineRun run = run(repo, CredentialSource.empty());
        assertThat(run.condition().reason()).isEqualTo(Reason.TimedOut);
        assertThat(run.condition().message()).contains("(stage timeout)");
    }

    @Test
    void run_runTimeout_coversAllSteps() throws Exception {
        TestRepo repo = repo(pipeline("""
        options: {timeout: {time: 1, unit: seconds}}
        stages:
        - name: a
          steps: [{name: short, command: sleep, args: ['0.5']}]
        - name: b
          steps: [{name: long, command: sleep, args: ['300']}]
        """));
        PipelineRun run = run(repo, CredentialSource.empty());
        assertThat(run.condition().reason()).isEqualTo(Reason.TimedOut);
        assertThat(run.condition().message()).contains("(run timeout)");
        assertThat(Duration.between(run.startTime(), run.endTime())).isLessThan(Duration.ofSeconds(60));
    }

    @Test
    void cancel_runningStep_killsItAndCancelsTheRun() throws Exception {
        TestRepo repo = repo(pipeline("""
        stages:
        - name: s
          steps:
          - {name: waiting, command: 'echo "shell=$$"; sleep 300 & echo "child=$!"; wait'}
          - {name: after, command: 'echo SHOULD-NOT-RUN'}
        """));
        PipelineRunner runner = runner(CredentialSource.empty());
        RunRequest req = RunRequest.manual(repo.dir().toString(), "HEAD", "main", PipelineKind.release);
        PipelineRun created = runner.create(req);
        CompletableFuture<Boolean> started = new CompletableFuture<>();
        LineSink watch = line -> {
            if (line.startsWith("child=")) {
                started.complete(true);
            }
        };
        CompletableFuture<PipelineRun> done =
                CompletableFuture.supplyAsync(() -> runner.execute(created, req, watch, Cancellation.never()));
        started.get(30, TimeUnit.SECONDS);
        new RunStore(tmp.resolve("runs")).requestCancel(created.id());
        PipelineRun run = done.get(30, TimeUnit.SECONDS);

        assertThat(run.condition().reason()).isEqualTo(Reason.Cancelled);
        assertThat(run.stages().get(0).steps())
                .extracting(s -> s.condition().reason())
                .containsExactly(Reason.Cancelled, Reason.Skipped);
        for (long pid : pids(log(run))) {
            assertThat(ProcessHandle.of(pid).filter(ProcessTree::live))
                    .as("pid " + pid + " still running")
                    .isEmpty();
        }
    }

    @Test
    void run_credentials_areGivenToStepsAndMaskedEverywhere() throws Exception {
        String secret = "s3cr3t-Value/42";
        CredentialStore store = new CredentialStore(tmp.resolve("data"));
        store.set("API_TOKEN", secret);
        TestRepo repo = repo(pipeline("""
        credentials: [API_TOKEN]
        environment: [{name: PASTED, value: 's3cr3t-Value/42'}]
        stages:
        - name: s
          steps:
          - command: 'echo "plain=$API_TOKEN"; printf %s "$API_TOKEN" | base64; printf "xx%s" "$API_TOKEN" | base64; echo "len=${#API_TOKEN}"'
        """));
        PipelineRun run = run(repo, store);

        assertThat(run.condition().reason()).as(log(run)).isEqualTo(Reason.Succeeded);
        String log = log(run);
        String b64 = Base64.getEncoder().encodeToString(secret.getBytes(StandardCharsets.UTF_8));
        assertThat(log).contains("plain=****", "len=15").doesNotContain(secret).doesNotContain(b64);
        assertThat(log)
                .doesNotContain(Base64.getEncoder()
                        .encodeToString(("xx" + secret).getBytes(StandardCharsets.UTF_8))
                        .substring(4, 20));
        String record =
                Files.readString(new RunStore(tmp.resolve("runs")).dir(run.id()).resolve(RunStore.RECORD));
        assertThat(record).doesNotContain(secret).contains("\"PASTED\" : \"****\"");
        assertThat(console).noneMatch(l -> l.contains(secret));
    }

    @Test
    void run_unknownCredential_failsNamingTheField() throws Exception {
        CredentialStore store = new CredentialStore(tmp.resolve("data"));
        store.set("OTHER", "value-1234");
        TestRepo repo = repo(pipeline("credentials: [MISSING]\nstages: [{name: s, steps: [{command: 'true'}]}]"));
        PipelineRun run = run(repo, store);
        assertThat(run.condition().reason()).isEqualTo(Reason.Failed);
        assertThat(run.condition().message())
                .contains(
                        "pipelineConfig.pipelines.release.pipeline.credentials[0]: unknown credential 'MISSING' (stored: OTHER");
    }

    @Test
    void run_badRevision_failsTheCheckout() throws Exception {
        TestRepo repo = repo(pipeline("stages: [{name: s, steps: [{command: 'true'}]}]"));
        RunRequest req = RunRequest.manual(repo.dir().toString(), "no-such-branch", "", PipelineKind.release);
        PipelineRun run = runner(CredentialSource.empty()).run(req, LineSink.discard(), Cancellation.never());
        assertThat(run.condition().reason()).isEqualTo(Reason.Failed);
        assertThat(run.condition().message()).contains("checkout failed: revision 'no-such-branch' is not a commit");
    }

    @Test
    void run_invalidPipeline_failsWithTheParserMessage() throws Exception {
        TestRepo repo = repo(pipeline("stages: [{name: s, steps: [{name: x}]}]"));
        PipelineRun run = run(repo, CredentialSource.empty());
        assertThat(run.condition().reason()).isEqualTo(Reason.Failed);
        assertThat(run.condition().message())
                .contains("pipelineConfig.pipelines.release.pipeline.stages[0].steps[0].command: missing");
    }

    @Test
    void run_missingPipelineKind_saysWhichExist() throws Exception {
        TestRepo repo = repo(pipeline("stages: [{name: s, steps: [{command: 'true'}]}]"));
        RunRequest req = RunRequest.manual(repo.dir().toString(), "HEAD", "main", PipelineKind.pullRequest);
        PipelineRun run = runner(CredentialSource.empty()).run(req, LineSink.discard(), Cancellation.never());
        assertThat(run.condition().message())
                .contains("pipelineConfig.pipelines.pullRequest: missing: the file defines release");
    }

    private static List<Long> pids(String log) {
        List<Long> out = new ArrayList<>();
        Matcher m = Pattern.compile("(?m)^(?:shell|grandchild|orphan|child)=(\\d+)$")
                .matcher(log);
        while (m.find()) {
            out.add(Long.parseLong(m.group(1)));
        }
        return out;
    }
}
