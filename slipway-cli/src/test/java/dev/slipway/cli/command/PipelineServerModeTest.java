package dev.slipway.cli.command;

import static org.assertj.core.api.Assertions.assertThat;

import dev.slipway.cli.Cli;
import dev.slipway.controlplane.ControlPlane;
import dev.slipway.controlplane.ControlPlaneConfig;
import dev.slipway.gitops.target.local.LocalRuntimeConfig;
import dev.slipway.pipeline.exec.Git;
import dev.slipway.testing.GitCli;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Tests for the {@code pipeline} commands' {@code --server} mode against an in-process {@code slipway up}. */
class PipelineServerModeTest {

    @TempDir
    Path tmp;

    private ControlPlane plane;
    private String url;
    private final Git git = new Git();

    @BeforeEach
    void start() {
        plane = new ControlPlane(new ControlPlaneConfig(
                        LocalRuntimeConfig.defaults(tmp.resolve("data"), (spec, host) -> {
                            throw new AssertionError("no model server may start here");
                        }),
                        "127.0.0.1",
                        0,
                        0,
                        1))
                .start();
        url = "http://127.0.0.1:" + plane.apiPort();
    }

    @AfterEach
    void stop() {
        plane.close();
    }

    @Test
    void runListShowLogs_throughTheServer() throws Exception {
        plane.pipelines().repositories().create("news");
        Path work = GitCli.initWith(tmp.resolve("work"), "jenkins-x.yml", """
        pipelineConfig:
          pipelines:
            release:
              pipeline:
                stages: [{name: unit, steps: [{name: say, command: 'echo "hello from $SLIPWAY_PIPELINE"'}]}]
        """);
        git.run(work, "push", "--quiet", url + "/git/news.git", "main"); // this push runs the pipeline too

        Cli.Run run = Cli.run("pipeline", "run", "--server", url, "--repository", "news");
        assertThat(run.code()).as(run.out() + run.err()).isZero();
        assertThat(run.out()).contains("queued on " + url, "hello from release", "<== step say Succeeded", "Succeeded");
        String id = run.out()
                .lines()
                .filter(l -> l.startsWith("run "))
                .findFirst()
                .orElseThrow()
                .split(" ")[1];

        Cli.Run list = Cli.run("pipeline", "list", "--server", url);
        assertThat(list.out()).contains(id, "release", "Succeeded", "manual", "push");
        Cli.Run show = Cli.run("pipeline", "show", id, "--server", url);
        assertThat(show.out()).contains("stage unit: Succeeded", "step say: Succeeded (exit 0)");
        Cli.Run logs = Cli.run("pipeline", "logs", id, "-f", "--server", url);
        assertThat(logs.out()).contains("hello from release", "run " + id + " Succeeded");
        Cli.Run cancel = Cli.run("pipeline", "cancel", id, "--server", url);
        assertThat(cancel.code()).isEqualTo(1);
        assertThat(cancel.err()).contains("has already ended (Succeeded)");
    }

    @Test
    void run_serverWithoutRepository_isAUsageError() {
        Cli.Run run = Cli.run("pipeline", "run", "--server", url);
        assertThat(run.code()).isEqualTo(2);
        assertThat(run.err()).contains("--server needs --repository");
    }
}
