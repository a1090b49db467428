package dev.slipway.pipeline.service;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.slipway.pipeline.exec.Git;
import dev.slipway.pipeline.model.PipelineKind;
import dev.slipway.pipeline.model.PipelineRun;
import dev.slipway.pipeline.model.Reason;
import dev.slipway.pipeline.model.Trigger;
import dev.slipway.pipeline.run.RunStore;
import dev.slipway.pipeline.testing.TestRepo;
import dev.slipway.pipeline.trigger.WebhookTrigger;
import dev.slipway.pipeline.trigger.WebhookVerifier;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Tests for {@link GitHosting} and {@link PipelineService}: real {@code git push} and {@code git clone}
 * over smart HTTP (a JDK HTTP server hands requests to the transport-free hosting), runs on push.
 */
class GitHostingTest {

    @TempDir
    Path tmp;

    private HttpServer http;
    private PipelineService service;
    private RunStore store;
    private String base;

    @BeforeEach
    void start() throws IOException {
        Git git = new Git();
        store = new RunStore(tmp.resolve("data/runs"));
        HostedRepositories repos = new HostedRepositories(tmp.resolve("data/git"), git);
        service = TestServices.start(tmp.resolve("data"), git, store, repos, 2, new WebhookVerifier("hook-secret"));
        GitHosting hosting = new GitHosting(new GitHttpBackend(repos), service);
        http = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        http.setExecutor(Executors.newFixedThreadPool(2));
        http.createContext("/git/", exchange -> handle(hosting, exchange));
        http.start();
        base = "http://127.0.0.1:" + http.getAddress().getPort() + "/git/";
    }

    private static void handle(GitHosting hosting, HttpExchange ex) throws IOException {
        String path = ex.getRequestURI().getPath().substring("/git/".length());
        int dotGit = path.indexOf(".git/");
        GitHttpBackend.Response r = dotGit < 0
                ? new GitHttpBackend.Response(404, java.util.Map.of(), new byte[0])
                : hosting.serve(
                        new GitHttpBackend.Request(
                                ex.getRequestMethod(),
                                path.substring(0, dotGit),
                                path.substring(dotGit + 5),
                                ex.getRequestURI().getRawQuery(),
                                ex.getRequestHeaders().getFirst("Content-Type"),
                                ex.getRequestHeaders().getFirst("Content-Encoding"),
                                ex.getRequestBody().readAllBytes(),
                                "tester"),
                        "http://api.test:8080");
        r.headers().forEach((k, v) -> ex.getResponseHeaders().add(k, v));
        ex.sendResponseHeaders(r.status(), r.stream() != null ? 0 : r.body().length == 0 ? -1 : r.body().length);
        try (OutputStream out = ex.getResponseBody()) {
            r.writeTo(out);
        }
    }

    @AfterEach
    void stop() throws Exception {
        service.close();
        http.stop(0);
        ((java.util.concurrent.ExecutorService) http.getExecutor()).shutdownNow();
    }

    private PipelineRun awaitRun(Predicate<PipelineRun> which) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            List<PipelineRun> done = store.list().stream()
                    .filter(which)
                    .filter(PipelineRun::isDone)
                    .toList();
            if (!done.isEmpty()) {
                return done.get(0);
            }
            Thread.sleep(50); // polling files another thread writes; bounded by the deadline
        }
        throw new AssertionError("no finished run within 60 s: " + store.list());
    }

    @Test
    void push_toHostedRepository_runsReleaseForMainAndPullRequestForOtherBranches() throws Exception {
        service.repositories().create("news");
        TestRepo repo = TestRepo.init(tmp.resolve("work"));
        repo.write("jenkins-x.yml", """
        pipelineConfig:
          pipelines:
            release:
              pipeline:
                stages: [{name: s, steps: [{command: 'echo "release url=$SLIPWAY_URL token=$SLIPWAY_TOKEN"'}]}]
            pullRequest:
              pipeline:
                stages: [{name: s, steps: [{command: 'echo pull request'}]}]
        """);
        String main = repo.commit("first");
        Git git = new Git();
        git.run(repo.dir(), "push", "--quiet", base + "news.git", "main");

        PipelineRun release = awaitRun(r -> r.commit().equals(main));
        assertThat(release.condition().reason()).isEqualTo(Reason.Succeeded);
        assertThat(release.pipeline().kind()).isEqualTo(PipelineKind.release);
        assertThat(release.branch()).isEqualTo("main");
        assertThat(release.trigger()).isEqualTo(new Trigger(Trigger.Type.push, "tester"));
        assertThat(Files.readString(store.log(release.id()))).contains("release url=http://127.0.0.1:1 token=****");

        repo.branch("feature");
        String feature = repo.write("x.txt", "x").commit("feature work");
        git.run(repo.dir(), "push", "--quiet", base + "news.git", "feature");
        PipelineRun pr = awaitRun(r -> r.commit().equals(feature));
        assertThat(pr.pipeline().kind()).isEqualTo(PipelineKind.pullRequest);
        assertThat(store.list()).hasSize(2);

        // what was pushed can be cloned back over HTTP
        git.run(
                null,
                "clone",
                "--quiet",
                base + "news.git",
                tmp.resolve("clone").toString());
        assertThat(tmp.resolve("clone/jenkins-x.yml")).exists();
    }

    /** A real {@code git push} prints the runs it started as {@code remote:} lines, with how to follow them. */
    @Test
    void push_answersWithRemoteLines_namingTheRunTheCommandAndThePage() throws Exception {
        service.repositories().create("iris");
        TestRepo repo = TestRepo.init(tmp.resolve("work"));
        repo.write(
                "jenkins-x.yml",
                "pipelineConfig:\n  pipelines:\n    release:\n      pipeline:\n"
                        + "        stages: [{name: s, steps: [{command: 'true'}]}]\n");
        String main = repo.commit("first");
        Process push = new ProcessBuilder("git", "push", base + "iris.git", "main")
                .directory(repo.dir().toFile())
                .redirectErrorStream(true)
                .start();
        String output = new String(push.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(push.waitFor()).as(output).isZero();
        PipelineRun run = awaitRun(r -> r.commit().equals(main));
        assertThat(output)
                .contains("remote: Slipway: started pipeline run " + run.id() + " (release of main)")
                .contains("remote:   follow: slipway pipeline logs " + run.id() + " -f --server http://api.test:8080")
                .contains("remote:   console: http://api.test:8080/pipelines/runs/" + run.id())
                .contains("main -> main");
        assertThat(run.trigger().detail()).isEqualTo("tester");
    }

    @Test
    void serve_unknownRepositoryOrPath_is404() {
        GitHosting hosting = new GitHosting(new GitHttpBackend(service.repositories()), service);
        assertThat(hosting.serve(new GitHttpBackend.Request(
                                "GET", "nope", "info/refs", "service=git-upload-pack", null, null, new byte[0], null))
                        .status())
                .isEqualTo(404);
        assertThat(hosting.serve(new GitHttpBackend.Request(
                                "GET", "../etc", "info/refs", "", null, null, new byte[0], null))
                        .status())
                .isEqualTo(400);
    }

    @Test
    void webhook_signedPush_queuesARunAndBadSignatureDoesNot() throws Exception {
        TestRepo repo = TestRepo.init(tmp.resolve("remote"));
        repo.write(
                "jenkins-x.yml",
                "pipelineConfig:\n  pipelines:\n    release:\n      pipeline:\n"
                        + "        stages: [{name: s, steps: [{command: 'true'}]}]\n");
        String commit = repo.commit("c");
        byte[] body = ("{\"ref\": \"refs/heads/main\", \"after\": \"" + commit
                        + "\", \"repository\": {\"clone_url\": \"" + repo.dir() + "\", \"default_branch\": \"main\"}}")
                .getBytes(StandardCharsets.UTF_8);

        assertThat(service.webhook("push", new WebhookVerifier("wrong").sign(body), "d0", body))
                .isInstanceOf(WebhookTrigger.Rejected.class);
        assertThat(store.list()).isEmpty();

        assertThat(service.webhook("push", new WebhookVerifier("hook-secret").sign(body), "d1", body))
                .isInstanceOf(WebhookTrigger.Run.class);
        PipelineRun run = awaitRun(r -> true);
        assertThat(run.condition().reason()).isEqualTo(Reason.Succeeded);
        assertThat(run.trigger()).isEqualTo(new Trigger(Trigger.Type.webhook, "d1"));
    }
}
