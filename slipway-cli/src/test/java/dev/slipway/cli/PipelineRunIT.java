package dev.slipway.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.slipway.pipeline.exec.Git;
import dev.slipway.pipeline.model.PipelineRun;
import dev.slipway.pipeline.model.Reason;
import dev.slipway.pipeline.run.RunStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code slipway pipeline …}, {@code credentials} and {@code jenkinsfile} through the packaged jar, on real git repositories. */
class PipelineRunIT {

    @TempDir
    Path tmp;

    private final Git git = new Git();

    private Path repo(String stages) throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("repo"));
        git.run(dir, "init", "--quiet", "-b", "main");
        git.run(dir, "config", "user.email", "ds@example.com");
        git.run(dir, "config", "user.name", "DS");
        Files.writeString(
                dir.resolve("jenkins-x.yml"),
                "buildPack: none\npipelineConfig:\n  pipelines:\n    release:\n      pipeline:\n" + stages.indent(8));
        Files.createDirectories(dir.resolve("models/news"));
        Files.writeString(dir.resolve("models/news/Makefile"), "test:\n\t@echo unit tests pass\n");
        git.run(dir, "add", "-A");
        git.run(dir, "commit", "--quiet", "-m", "model");
        return dir;
    }

    private String data() {
        return tmp.resolve("data").toString();
    }

    /** {@code slipway pipeline run} of a pipeline whose one step runs {@code command} (a long one, to be stopped). */
    private SlipwayProcess runSlowStep(String command) throws Exception {
        Path repo = repo("stages:\n- name: slow\n  steps:\n  - {name: wait, command: '" + command + "'}\n");
        return slipway(Map.of(), "pipeline", "run", "--repo", repo.toString(), "--data-dir", data());
    }

    private SlipwayProcess slipway(Map<String, String> env, String... args) throws Exception {
        return SlipwayProcess.start(env, args);
    }

    @Test
    void pipelineRun_passingPipeline_exitsZeroAndIsListedShownAndLogged() throws Exception {
        Path repo = repo("""
        agent: {image: seldonio/core-builder:0.4}
        stages:
        - name: test-models
          steps:
          - name: unit
            command: make
            args: [test]
            dir: /workspace/source/models/news
          - name: cli-on-path
            command: slipway
            args: [--version]
        """);
        String id;
        try (SlipwayProcess p = slipway(Map.of(), "pipeline", "run", "--repo", repo.toString(), "--data-dir", data())) {
            assertThat(p.awaitExit()).as(p.out() + p.err()).isZero();
            assertThat(p.out())
                    .contains(
                            "warning: agent image seldonio/core-builder:0.4 is ignored",
                            "==> stage test-models, step unit: make test (in models/news)",
                            "unit tests pass",
                            "<== step unit Succeeded",
                            "slipway 0.",
                            "Succeeded");
            id = new RunStore(tmp.resolve("data/runs")).list().get(0).id();
        }
        try (SlipwayProcess p = slipway(Map.of(), "pipeline", "list", "--data-dir", data())) {
            assertThat(p.awaitExit()).isZero();
            assertThat(p.out()).contains(id, "release", "Succeeded", "main", "manual");
        }
        try (SlipwayProcess p = slipway(Map.of(), "pipeline", "show", id.substring(0, 15), "--data-dir", data())) {
            assertThat(p.awaitExit()).as(p.err()).isZero();
            assertThat(p.out())
                    .contains(
                            "run:        " + id,
                            "stage test-models: Succeeded",
                            "step unit: Succeeded (exit 0)",
                            "commit:     " + git.run(repo, "rev-parse", "HEAD") + " (main)");
        }
        try (SlipwayProcess p = slipway(Map.of(), "pipeline", "logs", id, "-f", "--data-dir", data())) {
            assertThat(p.awaitExit()).isZero();
            assertThat(p.out()).contains("unit tests pass", "run " + id + " Succeeded");
        }
    }

    @Test
    void pipelineRun_failingStep_exitsOneAndSkipsTheRest() throws Exception {
        Path repo = repo("""
        stages:
        - name: unit
          steps:
          - {name: broken, command: 'echo failing; exit 4'}
        - name: e2e
          steps:
          - {name: never, command: 'echo SHOULD-NOT-RUN'}
        """);
        try (SlipwayProcess p = slipway(Map.of(), "pipeline", "run", "--repo", repo.toString(), "--data-dir", data())) {
            assertThat(p.awaitExit()).isEqualTo(1);
            assertThat(p.out())
                    .contains("failing", "<== step broken Failed", "exit code 4")
                    .doesNotContain("SHOULD-NOT-RUN");
        }
        PipelineRun run = new RunStore(tmp.resolve("data/runs")).list().get(0);
        assertThat(run.stages().get(1).condition().reason()).isEqualTo(Reason.Skipped);
    }

    @Test
    void credentials_setFromEnv_areGivenToStepsAndMasked() throws Exception {
        String secret = "tok-" + Long.toHexString(System.nanoTime()) + "-secret";
        try (SlipwayProcess p = slipway(
                Map.of("MY_TOKEN", secret),
                "credentials",
                "set",
                "DEPLOY_TOKEN",
                "--from-env",
                "MY_TOKEN",
                "--data-dir",
                data())) {
            assertThat(p.awaitExit()).as(p.err()).isZero();
        }
        try (SlipwayProcess p = slipway(Map.of(), "credentials", "list", "--data-dir", data())) {
            assertThat(p.awaitExit()).isZero();
            assertThat(p.out()).isEqualTo("DEPLOY_TOKEN\n");
        }
        Path repo = repo("""
        credentials: [DEPLOY_TOKEN]
        stages:
        - name: s
          steps:
          - command: 'echo "token=$DEPLOY_TOKEN"; printf %s "$DEPLOY_TOKEN" | base64'
        """);
        try (SlipwayProcess p = slipway(Map.of(), "pipeline", "run", "--repo", repo.toString(), "--data-dir", data())) {
            assertThat(p.awaitExit()).as(p.out()).isZero();
            assertThat(p.out())
                    .contains("token=****")
                    .doesNotContain(secret)
                    .doesNotContain(java.util.Base64.getEncoder().encodeToString(secret.getBytes()));
        }
        List<Path> files;
        try (var s = Files.walk(tmp.resolve("data/runs"))) {
            files = s.filter(Files::isRegularFile).toList();
        }
        for (Path f : files) {
            assertThat(Files.readString(f)).as(f.toString()).doesNotContain(secret);
        }
    }

    @Test
    void pipelineCancel_runningRun_stopsIt() throws Exception {
        RunStore store = new RunStore(tmp.resolve("data/runs"));
        try (SlipwayProcess run = runSlowStep("echo started; sleep 300")) {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (store.list().isEmpty() || store.list().get(0).condition().reason() != Reason.Running) {
                assertThat(System.nanoTime())
                        .as("the run did not start: " + run.out() + run.err())
                        .isLessThan(deadline);
                Thread.sleep(100);
            }
            String id = store.list().get(0).id();
            try (SlipwayProcess cancel = slipway(Map.of(), "pipeline", "cancel", id, "--data-dir", data())) {
                assertThat(cancel.awaitExit()).as(cancel.err()).isZero();
            }
            assertThat(run.awaitExit()).isEqualTo(1);
            assertThat(store.find(id).orElseThrow().condition().reason()).isEqualTo(Reason.Cancelled);
        }
    }

    @Test
    void pipelineRun_terminated_cancelsTheRunAndStopsItsSteps() throws Exception {
        RunStore store = new RunStore(tmp.resolve("data/runs"));
        try (SlipwayProcess run = runSlowStep("echo \"child=$$\"; sleep 300")) {
            // the step's own line (the echoed command line also says "child=", without digits)
            java.util.regex.Matcher m =
                    run.awaitOut(java.util.regex.Pattern.compile("child=(\\d+)"), java.time.Duration.ofSeconds(60));
            long child = Long.parseLong(m.group(1));
            run.process().destroy(); // SIGTERM, as Ctrl-C or a CI agent stopping the job
            assertThat(run.process().waitFor(60, TimeUnit.SECONDS)).isTrue();
            PipelineRun record = store.list().get(0);
            assertThat(record.condition().reason()).isEqualTo(Reason.Cancelled);
            assertThat(ProcessHandle.of(child).filter(dev.slipway.pipeline.exec.ProcessTree::live))
                    .isEmpty();
        }
    }

    @Test
    void jenkinsfile_referenceLayout_isPrintedAndWrittenOnlyWithOutput() throws Exception {
        Path repo = repo("""
        stages:
        - name: test-models
          steps:
          - {name: unit, command: make, args: [test], dir: /workspace/source/models/news}
        """);
        try (SlipwayProcess p = slipway(Map.of(), "jenkinsfile", "--repo", repo.toString())) {
            assertThat(p.awaitExit()).as(p.err()).isZero();
            assertThat(p.out()).contains("stage('test-models')", "dir('models/news') {", "sh 'make test'");
        }
        assertThat(repo.resolve("Jenkinsfile"))
                .as("nothing is written into the repository unasked")
                .doesNotExist();
        try (SlipwayProcess p = slipway(
                Map.of(),
                "jenkinsfile",
                "--repo",
                repo.toString(),
                "-o",
                repo.resolve("Jenkinsfile").toString())) {
            assertThat(p.awaitExit()).as(p.err()).isZero();
        }
        assertThat(Files.readString(repo.resolve("Jenkinsfile")))
                .contains("stage('test-models')", "dir('models/news') {", "sh 'make test'");
    }

    @Test
    void pipelineRun_notARepository_saysSo() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("plain"));
        try (SlipwayProcess p = slipway(Map.of(), "pipeline", "run", "--repo", dir.toString(), "--data-dir", data())) {
            assertThat(p.awaitExit()).isEqualTo(1);
            assertThat(p.err()).contains("is not a git repository");
        }
    }
}
