package dev.slipway.cli.loop;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.slipway.cli.SlipwayProcess;
import dev.slipway.pipeline.exec.Git;
import dev.slipway.testing.ReferenceFixture;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole loop through the packaged jar and the real {@code git} CLI: {@code slipway up --gitops} on a
 * repository made by {@code slipway gitops init}; a news-classifier repository pushed to the hosted
 * repository runs its release pipeline (Test → Test integration → Promote), staging serves it through the
 * gateway and production gets a promotion request. A failing unit test and a broken manifest stop the loop
 * at their stage, and nothing reaches an environment.
 */
class ReleaseLoopIT {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern UP = Pattern.compile("gateway (http://\\S+), API (http://[^,\\s]+)");

  @TempDir static Path tmp;

  private static SlipwayProcess up;
  private static String gateway;
  private static String api;
  private final HttpClient http = HttpClient.newHttpClient();
  private final Git git = new Git();

  @BeforeAll
  static void startUp() throws Exception {
    Path gitops = tmp.resolve("gitops.git");
    try (SlipwayProcess init = SlipwayProcess.start("gitops", "init", gitops.toString(), "--approver", "manager")) {
      assertThat(init.awaitExit()).as(init.err()).isZero();
    }
    up = SlipwayProcess.start(Map.of(), "up", "--data-dir", tmp.resolve("data").toString(), "--gitops",
        gitops.toString(), "--gateway-port", "0", "--api-port", "0", "--gateway-threads", "1");
    Matcher m = up.awaitOutput(UP, Duration.ofSeconds(60));
    gateway = m.group(1);
    api = m.group(2);
  }

  @AfterAll
  static void stopUp() throws Exception {
    if (up != null) {
      up.close();
    }
  }

  private JsonNode get(String path) throws Exception {
    HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(api + path)).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).as(path + ": " + r.body()).isEqualTo(200);
    return JSON.readTree(r.body());
  }

  private HttpResponse<String> post(String url, String body) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
  }

  /** A hosted repository NAME with the news classifier's files, changed by {@code edit}, pushed with git. */
  private String push(String name, Edit edit) throws Exception {
    HttpResponse<String> created = post(api + "/api/v1/repositories", "{\"name\": \"" + name + "\"}");
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    String url = JSON.readTree(created.body()).get("url").asText();
    Path work = NewsRepositoryFiles.write(tmp.resolve("work").resolve(name), name);
    edit.apply(work);
    git.run(work, "init", "--quiet", "-b", "main");
    git.run(work, "config", "user.name", "Data Scientist");
    git.run(work, "config", "user.email", "ds@example.com");
    git.run(work, "add", "-A");
    git.run(work, "commit", "--quiet", "-m", "news classifier");
    git.run(work, "remote", "add", "origin", url);
    git.run(work, "push", "--quiet", "origin", "main");
    return git.run(work, "rev-parse", "HEAD");
  }

  private interface Edit {
    void apply(Path repo) throws Exception;
  }

  /** The run of {@code commit}, once it has ended (the record exists when the push returns). */
  private JsonNode awaitRun(String commit) throws Exception {
    long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
    JsonNode last = null;
    while (System.nanoTime() < deadline) {
      for (JsonNode run : get("/api/v1/pipelines/runs")) {
        if (run.path("commit").asText().equals(commit)) {
          last = get("/api/v1/pipelines/runs/" + run.get("id").asText());
          if (!last.at("/condition/status").asText().equals("Unknown")) {
            return last;
          }
        }
      }
      Thread.sleep(200); // polling the API; bounded by the deadline
    }
    throw new AssertionError("the run of " + commit + " did not end within 3 minutes: " + last);
  }

  private String log(JsonNode run) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create(api + "/api/v1/pipelines/runs/" + run.get("id").asText()
        + "/log")).build(), HttpResponse.BodyHandlers.ofString()).body();
  }

  private static List<String> reasons(JsonNode run) {
    List<String> r = new ArrayList<>();
    run.get("stages").forEach(s -> r.add(s.get("name").asText() + "=" + s.at("/condition/reason").asText()));
    return r;
  }

  private List<JsonNode> promotions(Predicate<JsonNode> which) throws Exception {
    List<JsonNode> found = new ArrayList<>();
    get("/api/v1/promotions").forEach(p -> {
      if (which.test(p)) {
        found.add(p);
      }
    });
    return found;
  }

  /** The gateway's answer for the deployment in a namespace, once it answers 200 (within 60 s). */
  private JsonNode awaitPrediction(String namespace, String name, String texts) throws Exception {
    String url = gateway + "/seldon/" + namespace + "/" + name + "/api/v1.0/predictions";
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    HttpResponse<String> r = null;
    while (System.nanoTime() < deadline) {
      r = post(url, "{\"data\": {\"ndarray\": " + texts + "}}");
      if (r.statusCode() == 200) {
        return JSON.readTree(r.body());
      }
      Thread.sleep(200); // waiting for the sync controller and the server's start; bounded by the deadline
    }
    throw new AssertionError(url + " did not answer 200 within 60 s; last: " + (r == null ? null : r.statusCode() + " "
        + r.body()));
  }

  private int statusOf(String namespace, String name) throws Exception {
    return post(gateway + "/seldon/" + namespace + "/" + name + "/api/v1.0/predictions",
        "{\"data\": {\"ndarray\": [\"x\"]}}").statusCode();
  }

  @Test
  void push_releasePipeline_testsPromotesToStagingAndOpensAProductionRequest() throws Exception {
    String commit = push("news", repo -> { });
    JsonNode run = awaitRun(commit);
    String log = log(run);
    assertThat(run.at("/condition/reason").asText()).as(log).isEqualTo("Succeeded");
    assertThat(reasons(run)).containsExactly("Test=Succeeded", "Test integration=Succeeded", "Promote=Succeeded");
    assertThat(log).contains("PASS  held-out fortunes", "PASS served through the gateway", "Deployment created");

    JsonNode answer = awaitPrediction("staging", "news", NewsRepositoryFiles.texts(8));
    JsonNode expected = ReferenceFixture.named("news-nb").expected().path("predict");
    List<Double> labels = new ArrayList<>();
    answer.at("/data/ndarray").forEach(v -> labels.add(v.asDouble()));
    List<Double> want = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      want.add(expected.get(i).asDouble());
    }
    assertThat(labels).isEqualTo(want);

    List<JsonNode> open = promotions(p -> p.path("environment").asText().equals("production")
        && p.path("state").asText().equalsIgnoreCase("open") && p.path("deployments").toString().contains("news"));
    assertThat(open).hasSize(1);
    JsonNode request = get("/api/v1/promotions/" + open.get(0).get("id").asText());
    assertThat(request.path("author").asText()).isEqualTo("Data Scientist"); // the pushed commit's author
    assertThat(request.path("sourceCommit").asText()).isEqualTo(commit);
    assertThat(request.path("assignees").toString()).contains("manager");
    assertThat(request.path("diff").asText()).contains("production/news.yaml", "+  name: news",
        "implementation: SKLEARN_SERVER", "../artifacts/");
    assertThat(statusOf("production", "news")).as("production is unchanged until approval").isEqualTo(404);
  }

  @Test
  void push_failingUnitTest_stopsAtTestAndPromotesNothing() throws Exception {
    String commit = push("news-unit", repo -> Files.writeString(repo.resolve("tests/model-cases.yaml"),
        Files.readString(repo.resolve("tests/model-cases.yaml")) + """
        - name: a label this model never gives
          request: {data: {ndarray: %s}}
          expect: {data: {ndarray: [7.0]}}
        """.formatted(NewsRepositoryFiles.texts(1))));
    JsonNode run = awaitRun(commit);
    String log = log(run);
    assertThat(run.at("/condition/reason").asText()).as(log).isEqualTo("Failed");
    assertThat(reasons(run)).containsExactly("Test=Failed", "Test integration=Skipped", "Promote=Skipped");
    assertThat(log).contains("FAIL  a label this model never gives");
    assertThat(promotions(p -> p.path("deployments").toString().contains("news-unit"))).isEmpty();
    assertThat(get("/api/v1/environments/staging").toString()).doesNotContain("news-unit");
    assertThat(statusOf("staging", "news-unit")).isEqualTo(404);
  }

  @Test
  void push_brokenManifest_passesTestFailsIntegrationWithTheFieldPath() throws Exception {
    String commit = push("news-spec", repo -> {
      Path manifest = repo.resolve("deploy/SeldonDeployment-news-spec.yaml");
      Files.writeString(manifest, Files.readString(manifest).replace("{name: method, type: STRING, value: predict}",
          "{name: method, type: INT, value: predict}"));
    });
    JsonNode run = awaitRun(commit);
    String log = log(run);
    assertThat(run.at("/condition/reason").asText()).as(log).isEqualTo("Failed");
    assertThat(reasons(run)).containsExactly("Test=Succeeded", "Test integration=Failed", "Promote=Skipped");
    assertThat(log).contains("spec.predictors[0].graph.parameters[0]", "is not an INT");
    assertThat(promotions(p -> p.path("deployments").toString().contains("news-spec"))).isEmpty();
    assertThat(get("/api/v1/environments/staging").toString()).doesNotContain("news-spec");
    assertThat(statusOf("staging", "news-spec")).isEqualTo(404);
  }
}
