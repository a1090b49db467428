package dev.slipway.controlplane.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.slipway.api.Repository;
import dev.slipway.api.Run;
import dev.slipway.api.RunSubmission;
import dev.slipway.api.RunSummary;
import dev.slipway.client.SlipwayClient;
import dev.slipway.client.SlipwayException;
import dev.slipway.controlplane.ApiCalls;
import dev.slipway.controlplane.ControlPlane;
import dev.slipway.controlplane.TestConfigs;
import dev.slipway.pipeline.exec.Git;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Tests for {@link PipelinesApi}: a real {@code git push} to {@code slipway up} runs the pipeline; runs over REST, as
 * raw JSON and as records through the real {@link SlipwayClient}.
 */
class PipelinesApiTest {

    @TempDir
    Path tmp;

    private ControlPlane plane;
    private final Git git = new Git();

    @BeforeEach
    void start() {
        plane = new ControlPlane(TestConfigs.noModelServers(tmp.resolve("data"))).start();
    }

    @AfterEach
    void stop() {
        plane.close();
    }

    private String base() {
        return "http://127.0.0.1:" + plane.apiPort();
    }

    private HttpResponse<String> send(String method, String path, String body) throws Exception {
        return ApiCalls.send(plane, method, path, body, null, ApiCalls.JSON_TYPE);
    }

    private static JsonNode json(String s) throws Exception {
        return new ObjectMapper().readTree(s);
    }

    private JsonNode awaitDone(String id) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            JsonNode run =
                    json(send("GET", "/api/v1/pipelines/runs/" + id, null).body());
            if (!run.at("/condition/status").asText().equals("Unknown")) {
                return run;
            }
            Thread.sleep(50); // polling the API; bounded by the deadline
        }
        throw new AssertionError("run " + id + " did not end within 60 s");
    }

    private Run awaitDone(SlipwayClient client, String id) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            Run run = client.run(id);
            if (run.done()) {
                return run;
            }
            Thread.sleep(50); // polling the API; bounded by the deadline
        }
        throw new AssertionError("run " + id + " did not end within 60 s");
    }

    @Test
    void client_pushAndManualRun_recordsRoundTrip() throws Exception {
        SlipwayClient client = new SlipwayClient(base(), null);
        Repository created = client.createRepository("news");
        assertThat(created).isEqualTo(new Repository("news", base() + "/git/news.git"));
        assertThat(client.repositories()).containsExactly(created);
        assertThatThrownBy(() -> client.createRepository("news"))
                .isInstanceOfSatisfying(
                        SlipwayException.class, e -> assertThat(e.status()).isEqualTo(409));
        assertThatThrownBy(() -> client.createRepository(" ")).isInstanceOfSatisfying(SlipwayException.class, e -> {
            assertThat(e.status()).isEqualTo(400);
            assertThat(e.getMessage()).isEqualTo("name: missing");
        });

        Path work = repository("work", "{name: test, steps: [{name: echo, command: 'echo \"tested $GIT_COMMIT\"'}]}");
        String commit = git.run(work, "rev-parse", "HEAD");
        git.run(work, "push", "--quiet", created.url(), "main");

        RunSummary pushed = client.runs().get(0);
        Run run = awaitDone(client, pushed.id());
        assertThat(run.condition().reason()).isEqualTo("Succeeded");
        assertThat(run.commit()).isEqualTo(commit);
        assertThat(run.branch()).isEqualTo("main");
        assertThat(run.trigger().type()).isEqualTo("push");
        assertThat(run.pipeline().kind()).isEqualTo("release");
        assertThat(run.stages()).singleElement().satisfies(stage -> {
            assertThat(stage.name()).isEqualTo("test");
            assertThat(stage.steps()).singleElement().satisfies(step -> {
                assertThat(step.name()).isEqualTo("echo");
                assertThat(step.exitCode()).isZero();
            });
        });
        assertThat(client.runs().get(0)).satisfies(s -> {
            assertThat(s.id()).isEqualTo(run.id());
            assertThat(s.reason()).isEqualTo("Succeeded");
            assertThat(s.status()).isEqualTo("True");
            assertThat(s.pipeline()).isEqualTo("release");
            assertThat(s.endTime()).isEqualTo(run.endTime());
        });
        assertThat(new String(client.runLog(run.id()), java.nio.charset.StandardCharsets.UTF_8))
                .contains("tested " + commit);
        assertThat(client.runRecord(run.id())).contains("\"stages\"");
        assertThatThrownBy(() -> client.cancelRun(run.id())).isInstanceOfSatisfying(SlipwayException.class, e -> {
            assertThat(e.status()).isEqualTo(409);
            assertThat(e.getMessage()).contains("has already ended (Succeeded)");
        });
        assertThatThrownBy(() -> client.run("nope"))
                .isInstanceOfSatisfying(
                        SlipwayException.class, e -> assertThat(e.status()).isEqualTo(404));

        RunSummary manual = client.submitRun(new RunSubmission("news", "main", null, "release", "dana"));
        assertThat(manual.trigger()).isEqualTo("manual");
        assertThat(awaitDone(client, manual.id()).trigger()).isEqualTo(new Run.Trigger("manual", "dana"));
        // the newest N (what the console's overview asks for)
        awaitDone(client, manual.id());
        assertThat(client.runs(dev.slipway.api.RunFilter.none(), 1))
                .extracting(RunSummary::id)
                .containsExactly(manual.id());
        assertThat(client.runs(new dev.slipway.api.RunFilter("news", null, null), 5))
                .extracting(RunSummary::id)
                .containsExactly(manual.id(), run.id());
        assertThat(client.runs(new dev.slipway.api.RunFilter("news", "main", "succeeded"), 5))
                .extracting(RunSummary::id)
                .contains(run.id());
        // the runs of one commit (a promotion request's page looks up the run that opened it)
        assertThat(client.runs(dev.slipway.api.RunFilter.ofCommit(commit.substring(0, 7))))
                .extracting(RunSummary::id)
                .contains(run.id());
        assertThat(client.runs(dev.slipway.api.RunFilter.ofCommit(commit.substring(0, 4))))
                .as("too short a prefix matches nothing")
                .isEmpty();
        assertThatThrownBy(() -> client.submitRun(new RunSubmission(null, null, null, null, null)))
                .hasMessage("repository: missing");
        assertThatThrownBy(() -> client.submitRun(new RunSubmission("news", null, null, "nightly", null)))
                .isInstanceOfSatisfying(
                        SlipwayException.class, e -> assertThat(e.status()).isEqualTo(400));
    }

    @Test
    void client_pollers_addListRemove() throws Exception {
        SlipwayClient client = new SlipwayClient(base(), null);
        Path remote = localRepository("true");
        assertThat(client.addPoller(remote.toString(), "1h")).singleElement().satisfies(p -> {
            assertThat(p.remote()).isEqualTo(remote.toString());
            assertThat(p.interval()).isEqualTo("1h");
        });
        assertThat(client.pollers()).hasSize(1);
        assertThat(client.removePoller(remote.toString())).isEmpty();
        assertThatThrownBy(() -> client.removePoller(remote.toString()))
                .isInstanceOfSatisfying(
                        SlipwayException.class, e -> assertThat(e.status()).isEqualTo(404));
        assertThatThrownBy(() -> client.runOfToken())
                .isInstanceOfSatisfying(
                        SlipwayException.class, e -> assertThat(e.status()).isEqualTo(401));
    }

    @Test
    void push_toHostedRepository_runsTheReleasePipeline() throws Exception {
        HttpResponse<String> created = send("POST", "/api/v1/repositories", "{\"name\": \"news\"}");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        String url = json(created.body()).get("url").asText();
        assertThat(url).isEqualTo(base() + "/git/news.git");
        assertThat(send("POST", "/api/v1/repositories", "{\"name\": \"news\"}").statusCode())
                .isEqualTo(409);

        Path work =
                repository("work", "{name: test, steps: [{command: 'echo \"tested $GIT_COMMIT at $SLIPWAY_URL\"'}]}");
        String commit = git.run(work, "rev-parse", "HEAD");
        git.run(work, "push", "--quiet", url, "main");

        JsonNode runs = json(send("GET", "/api/v1/pipelines/runs", null).body());
        assertThat(runs).hasSize(1);
        String id = runs.get(0).get("id").asText();
        JsonNode run = awaitDone(id);
        assertThat(run.at("/condition/reason").asText()).isEqualTo("Succeeded");
        assertThat(run.get("commit").asText()).isEqualTo(commit);
        assertThat(run.at("/trigger/type").asText()).isEqualTo("push");
        assertThat(send("GET", "/api/v1/pipelines/runs/" + id + "/log", null).body())
                .contains("tested " + commit + " at " + base());
        assertThat(send("POST", "/api/v1/pipelines/runs/" + id + "/cancel", null)
                        .statusCode())
                .isEqualTo(409);

        // a manual run of the hosted repository over REST
        HttpResponse<String> manual =
                send("POST", "/api/v1/pipelines/runs", "{\"repository\": \"news\", \"commit\": \"main\"}");
        assertThat(manual.statusCode()).as(manual.body()).isEqualTo(202);
        assertThat(awaitDone(json(manual.body()).get("id").asText())
                        .at("/trigger/type")
                        .asText())
                .isEqualTo("manual");
    }

    private Path localRepository(String step) throws Exception {
        return repository("remote", "{name: s, steps: [{command: '" + step + "'}]}");
    }

    /** A git repository {@code tmp/folder} with one commit: a release pipeline of the one stage {@code stage}. */
    private Path repository(String folder, String stage) throws Exception {
        Path work = Files.createDirectories(tmp.resolve(folder));
        git.run(work, "init", "--quiet", "-b", "main");
        git.run(work, "config", "user.email", "ds@example.com");
        git.run(work, "config", "user.name", "DS");
        Files.writeString(work.resolve("jenkins-x.yml"), """
        pipelineConfig:
          pipelines:
            release:
              pipeline:
                stages: [%s]
        """.formatted(stage));
        git.run(work, "add", "-A");
        git.run(work, "commit", "--quiet", "-m", "model");
        return work;
    }

    @Test
    void poller_runsWhenTheRemoteMovesAndSurvivesARestart() throws Exception {
        Path remote = localRepository("true");
        HttpResponse<String> added =
                send("POST", "/api/v1/pipelines/pollers", "{\"remote\": \"" + remote + "\", \"interval\": \"100ms\"}");
        assertThat(added.statusCode()).as(added.body()).isEqualTo(201);
        // the first poll only records what is there
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!json(send("GET", "/api/v1/pipelines/pollers", null).body())
                .get(0)
                .has("lastPoll")) {
            assertThat(System.nanoTime()).isLessThan(deadline);
            Thread.sleep(20);
        }
        assertThat(json(send("GET", "/api/v1/pipelines/runs", null).body())).isEmpty();
        for (final String limit : new String[] {"0", "-1", "many"}) {
            final HttpResponse<String> r = send("GET", "/api/v1/pipelines/runs?limit=" + limit, null);
            assertThat(r.statusCode()).isEqualTo(400);
            assertThat(r.body()).contains("limit");
        }

        Files.writeString(remote.resolve("more.txt"), "x");
        git.run(remote, "add", "-A");
        git.run(remote, "commit", "--quiet", "-m", "two");
        String commit = git.run(remote, "rev-parse", "HEAD");
        deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        JsonNode runs;
        while ((runs = json(send("GET", "/api/v1/pipelines/runs", null).body())).isEmpty()) {
            assertThat(System.nanoTime()).as("no run after the remote moved").isLessThan(deadline);
            Thread.sleep(20);
        }
        assertThat(runs.get(0).get("trigger").asText()).isEqualTo("poll");
        assertThat(runs.get(0).get("branch").asText()).isEqualTo("main");
        assertThat(awaitDone(runs.get(0).get("id").asText()).get("commit").asText())
                .isEqualTo(commit);

        // a restarted server polls the same remote again
        plane.close();
        start();
        assertThat(json(send("GET", "/api/v1/pipelines/pollers", null).body())
                        .get(0)
                        .get("remote")
                        .asText())
                .isEqualTo(remote.toString());
        assertThat(send("DELETE", "/api/v1/pipelines/pollers?remote=" + remote, null)
                        .statusCode())
                .isEqualTo(200);
        assertThat(json(send("GET", "/api/v1/pipelines/pollers", null).body())).isEmpty();
    }

    @Test
    void token_namesItsRunOnlyWhileTheRunRuns() throws Exception {
        Path remote = localRepository(
                "curl -s -H \"Authorization: Bearer $SLIPWAY_TOKEN\" $SLIPWAY_URL/api/v1/pipelines/token");
        // a run from a folder is an admin's right under --auth only (issue 13): host the repository and push instead
        assertThat(send("POST", "/api/v1/pipelines/runs", "{\"repository\": \"" + remote + "\"}")
                        .statusCode())
                .isEqualTo(403);
        assertThat(send("POST", "/api/v1/repositories", "{\"name\": \"tok\"}").statusCode())
                .isEqualTo(201);
        git.run(remote, "push", "--quiet", base() + "/git/tok.git", "main");
        String id = json(send("GET", "/api/v1/pipelines/runs", null).body())
                .get(0)
                .get("id")
                .asText();
        assertThat(awaitDone(id).at("/condition/reason").asText()).isEqualTo("Succeeded");
        assertThat(send("GET", "/api/v1/pipelines/runs/" + id + "/log", null).body())
                .contains("\"run\" : \"" + id + "\"");
        assertThat(send("GET", "/api/v1/pipelines/token", null).statusCode()).isEqualTo(401);
    }

    @Test
    void callersMistakes_get4xx() throws Exception {
        assertThat(send("GET", "/api/v1/pipelines/runs/nope", null).statusCode())
                .isEqualTo(404);
        assertThat(send("POST", "/api/v1/pipelines/runs", "{\"repository\": \"missing\"}")
                        .statusCode())
                .isEqualTo(404);
        assertThat(send("POST", "/api/v1/pipelines/runs", "{}").body()).contains("repository: missing");
        assertThat(send("POST", "/api/v1/repositories", "{\"name\": \"../x\"}").statusCode())
                .isEqualTo(400);
        assertThat(send("POST", "/api/v1/repositories", "not json").statusCode())
                .isEqualTo(400);
        assertThat(send("GET", "/git/missing.git/info/refs?service=git-upload-pack", null)
                        .statusCode())
                .isEqualTo(404);
        // no SLIPWAY_WEBHOOK_SECRET in the test's environment: webhooks are refused, nothing runs
        HttpResponse<String> hook = send("POST", "/api/v1/webhooks/github", "{}");
        assertThat(hook.statusCode()).isEqualTo(401);
        assertThat(json(send("GET", "/api/v1/pipelines/runs", null).body())).isEmpty();
        for (final String limit : new String[] {"0", "-1", "many"}) {
            final HttpResponse<String> r = send("GET", "/api/v1/pipelines/runs?limit=" + limit, null);
            assertThat(r.statusCode()).isEqualTo(400);
            assertThat(r.body()).contains("limit");
        }
        assertThat(send("POST", "/api/v1/pipelines/pollers", "{\"remote\": \"x\", \"interval\": \"soon\"}")
                        .statusCode())
                .isEqualTo(400);
        assertThat(send("DELETE", "/api/v1/pipelines/pollers?remote=nope", null).statusCode())
                .isEqualTo(404);
    }
}
