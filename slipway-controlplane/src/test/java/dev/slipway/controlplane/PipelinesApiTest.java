package dev.slipway.controlplane;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.slipway.gitops.target.local.LocalRuntimeConfig;
import dev.slipway.pipeline.exec.Git;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Tests for {@link PipelinesApi}: a real {@code git push} to {@code slipway up} runs the pipeline; runs over REST. */
class PipelinesApiTest {

  @TempDir Path tmp;
  private ControlPlane plane;
  private final HttpClient http = HttpClient.newHttpClient();
  private final Git git = new Git();

  @BeforeEach
  void start() {
    final LocalRuntimeConfig runtime = LocalRuntimeConfig.defaults(tmp.resolve("data"), (spec, host) -> {
      throw new AssertionError("no model server may start in these tests");
    });
    plane = new ControlPlane(new ControlPlaneConfig(runtime, "127.0.0.1", 0, 0, 1)).start();
  }

  @AfterEach
  void stop() {
    plane.close();
  }

  private String base() {
    return "http://127.0.0.1:" + plane.apiPort();
  }

  private HttpResponse<String> send(String method, String path, String body) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create(base() + path))
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
        .build(), HttpResponse.BodyHandlers.ofString());
  }

  private static JsonNode json(String s) throws Exception {
    return new ObjectMapper().readTree(s);
  }

  private JsonNode awaitDone(String id) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (System.nanoTime() < deadline) {
      JsonNode run = json(send("GET", "/api/v1/pipelines/runs/" + id, null).body());
      if (!run.at("/condition/status").asText().equals("Unknown")) {
        return run;
      }
      Thread.sleep(50); // polling the API; bounded by the deadline
    }
    throw new AssertionError("run " + id + " did not end within 60 s");
  }

  @Test
  void push_toHostedRepository_runsTheReleasePipeline() throws Exception {
    HttpResponse<String> created = send("POST", "/api/v1/repositories", "{\"name\": \"news\"}");
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    String url = json(created.body()).get("url").asText();
    assertThat(url).isEqualTo(base() + "/git/news.git");
    assertThat(send("POST", "/api/v1/repositories", "{\"name\": \"news\"}").statusCode()).isEqualTo(409);

    Path work = Files.createDirectories(tmp.resolve("work"));
    git.run(work, "init", "--quiet", "-b", "main");
    git.run(work, "config", "user.email", "ds@example.com");
    git.run(work, "config", "user.name", "DS");
    Files.writeString(work.resolve("jenkins-x.yml"), """
        pipelineConfig:
          pipelines:
            release:
              pipeline:
                stages: [{name: test, steps: [{command: 'echo "tested $GIT_COMMIT at $SLIPWAY_URL"'}]}]
        """);
    git.run(work, "add", "-A");
    git.run(work, "commit", "--quiet", "-m", "model");
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
    assertThat(send("POST", "/api/v1/pipelines/runs/" + id + "/cancel", null).statusCode()).isEqualTo(409);

    // a manual run of the hosted repository over REST
    HttpResponse<String> manual = send("POST", "/api/v1/pipelines/runs", "{\"repository\": \"news\", \"commit\": \"main\"}");
    assertThat(manual.statusCode()).as(manual.body()).isEqualTo(202);
    assertThat(awaitDone(json(manual.body()).get("id").asText()).at("/trigger/type").asText()).isEqualTo("manual");
  }

  @Test
  void callersMistakes_get4xx() throws Exception {
    assertThat(send("GET", "/api/v1/pipelines/runs/nope", null).statusCode()).isEqualTo(404);
    assertThat(send("POST", "/api/v1/pipelines/runs", "{\"repository\": \"missing\"}").statusCode()).isEqualTo(404);
    assertThat(send("POST", "/api/v1/pipelines/runs", "{}").body()).contains("repository: missing");
    assertThat(send("POST", "/api/v1/repositories", "{\"name\": \"../x\"}").statusCode()).isEqualTo(400);
    assertThat(send("POST", "/api/v1/repositories", "not json").statusCode()).isEqualTo(400);
    assertThat(send("GET", "/git/missing.git/info/refs?service=git-upload-pack", null).statusCode()).isEqualTo(404);
    // no SLIPWAY_WEBHOOK_SECRET in the test's environment: webhooks are refused, nothing runs
    HttpResponse<String> hook = send("POST", "/api/v1/webhooks/github", "{}");
    assertThat(hook.statusCode()).isEqualTo(401);
    assertThat(json(send("GET", "/api/v1/pipelines/runs", null).body())).isEmpty();
  }
}
