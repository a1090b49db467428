package dev.slipway.cli.command;

import static org.assertj.core.api.Assertions.assertThat;

import dev.slipway.api.RunSubmission;
import dev.slipway.cli.Cli;
import dev.slipway.client.SlipwayClient;
import dev.slipway.controlplane.ControlPlane;
import dev.slipway.controlplane.ControlPlaneConfig;
import dev.slipway.gitops.env.Environments;
import dev.slipway.gitops.repo.GitOpsLocation;
import dev.slipway.gitops.repo.GitOpsRepository;
import dev.slipway.gitops.sync.SyncConfig;
import dev.slipway.gitops.target.local.LocalRuntimeConfig;
import dev.slipway.pipeline.exec.Git;
import dev.slipway.testing.GitCli;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.jgit.lib.PersonIdent;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The CLI's one implementation per command: the same command prints the same on the data folder or GitOps repository
 * ({@code --data-dir}, {@code --gitops}) as through the {@code slipway up} that owns them ({@code --server}).
 */
class LocalRemoteParityTest {

    @TempDir
    Path tmp;

    private ControlPlane plane;
    private String url;
    private Path gitops;
    private final Git git = new Git();

    @BeforeEach
    void start() {
        gitops = tmp.resolve("gitops.git");
        GitOpsRepository.init(
                gitops,
                Environments.defaults(List.of("manager")),
                new PersonIdent("slipway", "", Instant.now(), ZoneOffset.UTC));
        plane = new ControlPlane(new ControlPlaneConfig(
                                LocalRuntimeConfig.defaults(tmp.resolve("data"), (spec, host) -> {
                                    throw new IllegalStateException("no model server starts here");
                                }),
                                "127.0.0.1",
                                0,
                                0,
                                1)
                        .withGitOps(SyncConfig.defaults(
                                new GitOpsLocation(gitops.toString(), null, null), tmp.resolve("sync"))))
                .start();
        url = "http://127.0.0.1:" + plane.apiPort();
    }

    @AfterEach
    void stop() {
        plane.close();
    }

    /** Runs {@code args} once with {@code local} and once with {@code --server}: same exit, output and errors. */
    private Cli.Run same(List<String> args, String... local) {
        final List<String> a = new ArrayList<>(args);
        a.addAll(List.of(local));
        final List<String> b = new ArrayList<>(args);
        b.addAll(List.of("--server", url));
        final Cli.Run here = Cli.run(a.toArray(String[]::new));
        final Cli.Run there = Cli.run(b.toArray(String[]::new));
        assertThat(there.out()).as("%s: stdout", args).isEqualTo(here.out());
        assertThat(there.code())
                .as("%s: exit (%s | %s)", args, here.err(), there.err())
                .isEqualTo(here.code());
        return here;
    }

    @Test
    void pipelineCommands_dataFolderAndServer_samePrint() throws Exception {
        final Path work = GitCli.initWith(tmp.resolve("work"), "jenkins-x.yml", """
        pipelineConfig:
          pipelines:
            release:
              pipeline:
                stages: [{name: unit, steps: [{name: say, command: 'echo "hello from $SLIPWAY_PIPELINE"'}]}]
        """);
        final SlipwayClient client = new SlipwayClient(url, null);
        // a run from a folder is refused without --auth (it would run code from anywhere): host it, as a user does
        git.run(work, "push", "--quiet", client.createRepository("work").url(), "main");
        final String id = client.submitRun(new RunSubmission("work", "main", "main", null, "dana"))
                .id();
        final long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!client.run(id).done() && System.nanoTime() < deadline) {
            Thread.sleep(50); // the run, through the API; bounded by the deadline
        }
        final String data = tmp.resolve("data").toString();
        assertThat(same(List.of("pipeline", "list"), "--data-dir", data).out()).contains(id, "Succeeded", "manual");
        assertThat(same(List.of("pipeline", "show", id), "--data-dir", data).out())
                .contains("stage unit: Succeeded", "step say: Succeeded (exit 0)", "trigger:    manual by dana");
        assertThat(same(List.of("pipeline", "show", id.substring(0, id.length() - 2), "--json"), "--data-dir", data)
                        .out())
                .startsWith("{")
                .endsWith("}\n");
        assertThat(same(List.of("pipeline", "logs", id), "--data-dir", data).out())
                .contains("hello from release");
        final Cli.Run cancel = same(List.of("pipeline", "cancel", id), "--data-dir", data);
        assertThat(cancel.code()).isEqualTo(1);
        assertThat(cancel.err()).contains("has already ended (Succeeded)");
        assertThat(same(List.of("pipeline", "show", "nope"), "--data-dir", data).code())
                .isEqualTo(2);
    }

    @Test
    void gitopsCommands_repositoryAndServer_samePrint() throws Exception {
        final Path manifest = Files.writeString(tmp.resolve("iris.yaml"), """
        apiVersion: machinelearning.seldon.io/v1
        kind: SeldonDeployment
        metadata: {name: iris}
        spec:
          predictors:
          - name: p
            graph: {name: m, implementation: SKLEARN_SERVER, modelUri: "%s"}
        """.formatted(
                        Files.createDirectories(tmp.resolve("m")).toUri()));
        final Cli.Run promoted = Cli.run(
                "promote",
                "--gitops",
                gitops.toString(),
                "--env",
                "production",
                "--from",
                manifest.toString(),
                "--author",
                "alice",
                "--email",
                "alice@example.com");
        assertThat(promoted.code()).as(promoted.err()).isZero();
        final String id = promoted.out()
                .lines()
                .filter(l -> l.startsWith("id: "))
                .findFirst()
                .orElseThrow()
                .substring(4);
        final String repo = gitops.toString();

        assertThat(same(List.of("promotions", "list"), "--gitops", repo).out())
                .contains(id, "production", "open", "alice");
        assertThat(same(List.of("promotions", "list", "-o", "json", "--state", "open"), "--gitops", repo)
                        .out())
                .contains("\"id\" : \"" + id + "\"")
                .endsWith("]\n");
        assertThat(same(List.of("promotions", "show", id), "--gitops", repo).out())
                .contains("environment: production", "+++ ", "name: iris");
        assertThat(same(List.of("promotions", "list", "--state", "bogus"), "--gitops", repo)
                        .code())
                .isEqualTo(2);
        assertThat(same(List.of("promotions", "approve", id, "--as", "alice"), "--gitops", repo)
                        .code())
                .isEqualTo(1);
        // the history is the same; only the server knows when its sync controller applied each change
        final Cli.Run here = Cli.run("env", "history", "production", "--gitops", repo);
        final Cli.Run there = Cli.run("env", "history", "production", "--server", url);
        assertThat(there.out().lines().map(l -> l.substring(0, 60)).toList())
                .isEqualTo(here.out().lines().map(l -> l.substring(0, 60)).toList());
        assertThat(here.out()).contains("Repository created");

        assertThat(Cli.run(
                                "servers",
                                "register",
                                "IMAGE_CLASSIFIER",
                                "--image",
                                "image-classifier:1.0.0",
                                "--author",
                                "dana",
                                "--server",
                                url)
                        .code())
                .isZero();
        assertThat(same(List.of("servers", "list"), "--gitops", repo).out())
                .contains("IMAGE_CLASSIFIER", "image-classifier:1.0.0");
        assertThat(same(List.of("servers", "show", "IMAGE_CLASSIFIER"), "--gitops", repo)
                        .out())
                .contains("image:      image-classifier:1.0.0", "dana");
        assertThat(same(List.of("servers", "show", "NOPE"), "--gitops", repo).code())
                .isEqualTo(2);
    }
}
