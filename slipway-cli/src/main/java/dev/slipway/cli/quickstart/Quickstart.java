package dev.slipway.cli.quickstart;

import dev.slipway.support.Mappers;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.slipway.cli.Slipway;
import dev.slipway.controlplane.ControlPlane;
import dev.slipway.controlplane.ControlPlaneConfig;
import dev.slipway.gitops.env.Environments;
import dev.slipway.gitops.repo.GitOpsLocation;
import dev.slipway.gitops.repo.GitOpsRepository;
import dev.slipway.gitops.sync.SyncConfig;
import dev.slipway.gitops.target.local.JavaServerCommand;
import dev.slipway.gitops.target.local.LocalRuntimeConfig;
import dev.slipway.pipeline.exec.Git;
import dev.slipway.pipeline.exec.Workspace;
import dev.slipway.pipeline.model.PipelineRun;
import dev.slipway.pipeline.model.Reason;
import dev.slipway.pipeline.model.StageRun;
import dev.slipway.pipeline.model.StepRun;
import dev.slipway.pipeline.run.RunStore;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.eclipse.jgit.lib.PersonIdent;

/**
 * The whole loop on this machine, step by step: a GitOps repository (staging automatic, production by
 * approval), the control plane following it, a news-classifier model repository pushed with the real
 * {@code git} to the control plane's git hosting, its release pipeline followed live (Test, Test integration,
 * Promote), staging answering, the production promotion request and its diff, the approval by someone
 * other than the author, and production answering. Every step is bounded; the first that fails ends the
 * quickstart with a {@link QuickstartFailure} naming it. Closing stops everything it started.
 */
public final class Quickstart implements AutoCloseable {

  static final String MARKER = ".slipway-quickstart";
  private static final int STEPS = 9;
  private static final ObjectMapper JSON = Mappers.json();

  private final QuickstartOptions options;
  private final ModelRepositoryTemplate template;
  private final PrintWriter out;
  private final Git git = new Git("git", Duration.ofMinutes(2));
  private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
  private ControlPlane plane;
  private int step;

  public Quickstart(QuickstartOptions options, ModelRepositoryTemplate template, PrintWriter out) {
    this.options = options;
    this.template = template;
    this.out = out;
  }

  /** Runs every step; the control plane keeps running until {@link #close()}. */
  public void run() {
    final Path data = options.dataDir().toAbsolutePath().normalize();
    out.println("Slipway quickstart in " + data);
    final Path gitops = data.resolve("gitops.git");
    step("GitOps repository", () -> {
      prepare(data);
      GitOpsRepository.init(gitops, Environments.defaults(List.of(options.approver())),
          new PersonIdent("slipway", "", java.time.Instant.now(), ZoneOffset.UTC));
      return gitops + ": staging (automatic), production (approval by " + options.approver() + ")";
    });
    step("Control plane", () -> {
      plane = new ControlPlane(config(data, gitops)).start();
      return "gateway " + gatewayUrl() + ", API " + apiUrl() + ", web console " + apiUrl() + "/, following " + gitops;
    });
    final String name = options.repository();
    final String[] cloneUrl = new String[1];
    final Path work = data.resolve("work").resolve(name);
    step("Model repository", () -> {
      final HttpResponse<String> created = post("/api/v1/repositories", "{\"name\": \"" + name + "\"}");
      if (created.statusCode() != 201) {
        throw new IllegalStateException("POST /api/v1/repositories: " + created.statusCode() + " " + created.body());
      }
      cloneUrl[0] = JSON.readTree(created.body()).get("url").asText();
      createRepository(work, name);
      git.run(work, "init", "--quiet", "-b", "main");
      git.run(work, "config", "user.name", options.authorName());
      git.run(work, "config", "user.email", options.authorEmail());
      git.run(work, "config", "commit.gpgsign", "false"); // a signing setup of the user's must not stop the demo
      git.run(work, "add", "-A");
      git.run(work, "commit", "--quiet", "-m", "news classifier: SKLEARN_SERVER, Test / Test integration / Promote");
      git.run(work, "remote", "add", "origin", cloneUrl[0]);
      return work + " (jenkins-x.yml, deploy/SeldonDeployment-" + name + ".yaml, deploy/model/, tests/, integration/),"
          + " hosted at " + cloneUrl[0];
    });
    final String[] runId = new String[1];
    step("git push", () -> {
      out.println("      $ cd " + work + " && git push origin main");
      out.flush();
      git.run(work, "push", "--quiet", "origin", "main");
      final String commit = git.run(work, "rev-parse", "HEAD");
      final PipelineRun run = plane.pipelines().store().list().stream().filter(r -> commit.equals(r.commit()))
          .findFirst().orElseThrow(() -> new IllegalStateException("the push of " + commit + " started no pipeline run"));
      runId[0] = run.id();
      return "commit " + commit.substring(0, 12) + " started the release pipeline: run " + run.id();
    });
    step("Release pipeline", () -> follow(runId[0]));
    final ArrayNode texts = JSON.createArrayNode().add(template.texts().get(0)).add(template.texts().get(1));
    final ArrayNode labels = JSON.createArrayNode().add(template.labels().get(0)).add(template.labels().get(1));
    step("Staging answers", () -> answers("staging", name, texts, labels));
    final String[] promotion = new String[1];
    step("Production promotion request", () -> {
      final JsonNode open = get("/api/v1/promotions?env=production&state=open");
      JsonNode found = null;
      for (final JsonNode p : open) {
        if (p.path("deployments").toString().contains("\"" + name + "\"")) {
          found = p;
        }
      }
      if (found == null) {
        throw new IllegalStateException("no open production promotion request for " + name + ": " + open);
      }
      promotion[0] = found.get("id").asText();
      final JsonNode shown = get("/api/v1/promotions/" + promotion[0]);
      out.println("      request " + promotion[0] + " by " + shown.path("author").asText() + ", assigned to "
          + shown.path("assignees") + ", state " + shown.path("state").asText().toLowerCase(java.util.Locale.ROOT) + "; diff:");
      shown.path("diff").asText().lines().forEach(l -> out.println("        " + l));
      out.println("      review it in the web console: " + apiUrl() + "/promotions/" + promotion[0]);
      return "production is unchanged until an approver accepts it";
    });
    step("Approval", () -> {
      final String[] command = {"promotions", "approve", promotion[0], "--as", options.approver(), "--server", apiUrl()};
      out.println("      $ ./slipway " + String.join(" ", command));
      final StringWriter printed = new StringWriter();
      final StringWriter errors = new StringWriter();
      final int code = Slipway.run(new PrintWriter(printed, true), new PrintWriter(errors, true), command);
      printed.toString().lines().forEach(l -> out.println("      " + l));
      if (code != 0) {
        throw new IllegalStateException("slipway promotions approve exited " + code + ": " + errors.toString().strip());
      }
      final JsonNode merged = get("/api/v1/promotions/" + promotion[0]);
      return "approved by " + options.approver() + " (the author was " + options.authorName() + "): state "
          + merged.path("state").asText().toLowerCase(java.util.Locale.ROOT) + ", merged as "
          + merged.path("mergeCommit").asText("?");
    });
    step("Production answers", () -> answers("production", name, texts, labels));
    out.println();
    out.println("Everything works. Try it:");
    out.println("  web console    " + apiUrl() + "/   (runs with live logs, promotion requests and their diffs,"
        + " environments, try-it)");
    out.println("  gateway        " + gatewayUrl() + "/seldon/{staging|production}/" + name + "/api/v1.0/predictions");
    out.println("  API            " + apiUrl() + "   (slipway pipeline list|promotions list|env status --server "
        + apiUrl() + ")");
    out.println("  model repo     git clone " + cloneUrl[0] + "   (push a change: the loop runs again)");
    out.println("  predict        " + predictCommand("production", name, texts));
    out.flush();
  }

  private void step(String what, Callable<String> action) {
    step++;
    out.println("[" + step + "/" + STEPS + "] " + what);
    out.flush();
    final long t0 = System.nanoTime();
    try {
      final String result = action.call();
      out.println("      " + result + String.format(java.util.Locale.ROOT, "  (%.1fs)", (System.nanoTime() - t0) / 1e9));
      out.flush();
    } catch (QuickstartFailure e) {
      throw e;
    } catch (Exception e) {
      throw new QuickstartFailure(what, e.getMessage() == null ? e.toString() : e.getMessage(), e);
    }
  }

  /** An empty folder, or one a previous quickstart made (emptied); anything else is refused. */
  static void prepare(Path data) throws IOException {
    if (Files.isDirectory(data)) {
      try (Stream<Path> entries = Files.list(data)) {
        final List<Path> all = entries.toList();
        if (!all.isEmpty() && !Files.exists(data.resolve(MARKER))) {
          throw new IllegalArgumentException("--data-dir " + data + " is not empty and was not made by slipway"
              + " quickstart: give an empty or new folder");
        }
        for (final Path p : all) {
          if (Files.isDirectory(p)) {
            Workspace.delete(p);
          } else {
            Files.delete(p);
          }
        }
      }
    }
    Files.createDirectories(data);
    Files.writeString(data.resolve(MARKER), "made by slipway quickstart; emptied by the next one\n");
  }

  private ControlPlaneConfig config(Path data, Path gitops) {
    final LocalRuntimeConfig runtime = LocalRuntimeConfig.defaults(data.resolve("data"),
        JavaServerCommand.fromCurrentJvm(JavaServerCommand.SLIPWAY_MAIN));
    final int threads = Math.min(2, Runtime.getRuntime().availableProcessors());
    return new ControlPlaneConfig(runtime, options.host(), options.gatewayPort(), options.apiPort(), threads)
        .withGitOps(SyncConfig.defaults(new GitOpsLocation(gitops.toString(), null, null), data.resolve("data/gitops")));
  }

  /** The one place the model repository is made: the files of {@code slipway repo create --template sklearn}. */
  private void createRepository(Path dir, String name) {
    template.create(dir, name);
  }

  private String follow(String id) throws InterruptedException {
    final RunStore store = plane.pipelines().store();
    final RunProgress progress = new RunProgress(out, "      ");
    final long deadline = System.nanoTime() + options.limit().toNanos();
    PipelineRun run = store.find(id).orElseThrow();
    while (!progress.update(run)) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("run " + id + " did not end within " + options.limit());
      }
      Thread.sleep(200); // polling the run record; bounded by the deadline
      run = store.find(id).orElseThrow();
    }
    if (run.condition().reason() != Reason.Succeeded) {
      failedStepLog(store, run).ifPresent(tail -> {
        out.println("      log of the failed step (last lines):");
        tail.lines().forEach(l -> out.println("        " + l));
      });
      throw new IllegalStateException("run " + id + " " + run.condition().reason() + ": " + run.condition().message()
          + " (slipway pipeline logs " + id + " --server " + apiUrl() + ")");
    }
    return "every stage succeeded (slipway pipeline show " + id + " --server " + apiUrl() + ")";
  }

  private static Optional<String> failedStepLog(RunStore store, PipelineRun run) {
    for (final StageRun stage : run.stages()) {
      for (final StepRun s : stage.steps()) {
        if (s.condition().reason() != Reason.Succeeded && s.condition().reason() != Reason.Skipped && s.log() != null) {
          try {
            final List<String> lines = Files.readAllLines(store.dir(run.id()).resolve(s.log()));
            return Optional.of(String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size())));
          } catch (IOException e) {
            return Optional.empty();
          }
        }
      }
    }
    return Optional.empty();
  }

  /** Waits until the gateway answers for NAME in the namespace, then shows {@code slipway predict} doing it. */
  private String answers(String namespace, String name, ArrayNode texts, ArrayNode labels) throws Exception {
    final String url = gatewayUrl() + "/seldon/" + namespace + "/" + name + "/api/v1.0/predictions";
    final String body = JSON.createObjectNode().set("data", JSON.createObjectNode().set("ndarray", texts)).toString();
    final long deadline = System.nanoTime() + options.limit().toNanos();
    String last = "no answer";
    while (true) {
      try {
        final HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10))
            .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
            HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() == 200 && JSON.readTree(r.body()).at("/data/ndarray").equals(labels)) {
          break;
        }
        last = r.statusCode() + " " + r.body();
      } catch (IOException e) {
        last = e.toString();
      }
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException(url + " did not answer " + labels + " within " + options.limit() + "; last: "
            + last);
      }
      Thread.sleep(250); // waiting for the sync controller and the model server; bounded by the deadline
    }
    out.println("      $ " + predictCommand(namespace, name, texts));
    final StringWriter printed = new StringWriter();
    final StringWriter errors = new StringWriter();
    final int code = Slipway.run(new PrintWriter(printed, true), new PrintWriter(errors, true), "predict", "--gateway",
        hostPort(options.host(), plane.gatewayPort()), "--namespace", namespace, "--deployment", name, "--data",
        texts.toString());
    printed.toString().lines().forEach(l -> out.println("      " + l));
    if (code != 0) {
      throw new IllegalStateException("slipway predict exited " + code + ": " + errors);
    }
    return namespace + " serves " + name + ": labels " + labels + " as the model's tests expect";
  }

  private String predictCommand(String namespace, String name, ArrayNode texts) {
    return "./slipway predict --gateway " + hostPort(options.host(), plane.gatewayPort()) + " --namespace " + namespace
        + " --deployment " + name + " --data " + shellQuote(texts.toString());
  }

  static String shellQuote(String s) {
    return "'" + s.replace("'", "'\\''") + "'";
  }

  private static String hostPort(String host, int port) {
    return host + ":" + port;
  }

  public String gatewayUrl() {
    return "http://" + hostPort(options.host(), plane.gatewayPort());
  }

  public String apiUrl() {
    return "http://" + hostPort(options.host(), plane.apiPort());
  }

  private JsonNode get(String path) throws Exception {
    final HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(apiUrl() + path))
        .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
    if (r.statusCode() != 200) {
      throw new IllegalStateException("GET " + path + ": " + r.statusCode() + " " + r.body());
    }
    return JSON.readTree(r.body());
  }

  private HttpResponse<String> post(String path, String body) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create(apiUrl() + path)).timeout(Duration.ofSeconds(30))
        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  /** Stops the control plane: pipelines, sync controller, gateway, every model server. */
  @Override
  public synchronized void close() {
    if (plane != null) {
      plane.close();
      plane = null;
    }
  }
}
