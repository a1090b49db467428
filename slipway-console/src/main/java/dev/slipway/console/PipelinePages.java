package dev.slipway.console;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.slipway.console.Web.Reply;
import dev.slipway.console.view.PromotionRow;
import dev.slipway.console.view.RunRow;
import dev.slipway.console.view.RunView;
import dev.slipway.console.view.StageView;
import io.vertx.ext.web.RoutingContext;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * Pipelines: the runs (filtered by repository, branch, pipeline and state), a run's stage view and log, and the
 * actions on runs — run a pipeline, cancel, re-run — all through the API's {@code /api/v1/pipelines/…} routes.
 */
final class PipelinePages {

  private final Web web;
  private final ApiCalls api;

  PipelinePages(Web web, ApiCalls api) {
    this.web = web;
    this.api = api;
  }

  /** All runs, newest first. */
  List<RunRow> runs(String token) {
    final Instant now = web.config().clock().instant();
    final List<RunRow> rows = new ArrayList<>();
    for (final JsonNode r : api.read("/api/v1/pipelines/runs", token)) {
      rows.add(Read.run(r, now));
    }
    rows.sort(Comparator.comparing(RunRow::started, Comparator.reverseOrder()).thenComparing(RunRow::id,
        Comparator.reverseOrder()));
    return rows;
  }

  void list(RoutingContext rc) {
    final String repository = param(rc, "repository");
    final String branch = param(rc, "branch");
    final String pipeline = param(rc, "pipeline");
    final String state = param(rc, "state");
    web.page(rc, viewer -> {
      final String token = Web.token(web.session(rc));
      final List<RunRow> all = runs(token);
      final List<RunRow> shown = all.stream()
          .filter(r -> repository.isEmpty() || r.repositoryName().equals(repository) || r.repository().equals(repository))
          .filter(r -> branch.isEmpty() || r.branch().equals(branch))
          .filter(r -> pipeline.isEmpty() || r.pipeline().equalsIgnoreCase(pipeline))
          .filter(r -> state.isEmpty() || r.reason().equalsIgnoreCase(state)
              || (state.equalsIgnoreCase("running") && r.live()))
          .toList();
      final List<String> repositories = new ArrayList<>();
      api.read("/api/v1/repositories", token).forEach(n -> repositories.add(n.path("name").asText()));
      return web.render("pipelines.jte", Web.params(viewer, "runs", shown, "total", all.size(),
          "repositories", repositories, "repository", repository, "branch", branch, "pipeline", pipeline,
          "state", state, "branches", all.stream().map(RunRow::branch).filter(b -> !b.isEmpty()).distinct().sorted()
              .toList()));
    });
  }

  /** The run with its stages, for the page and the live updates. */
  RunView view(String id, String token) {
    final JsonNode run = api.read("/api/v1/pipelines/runs/" + ApiCalls.enc(id), token);
    final Instant now = web.config().clock().instant();
    final List<StageView> stages = Read.stages(run, now);
    return new RunView(Read.run(run, now), stages, Read.failedStep(stages), List.of());
  }

  void show(RoutingContext rc) {
    final String id = rc.pathParam("id");
    web.page(rc, viewer -> {
      final String token = Web.token(web.session(rc));
      final RunView v = view(id, token);
      final String log = api.get("/api/v1/pipelines/runs/" + ApiCalls.enc(id) + "/log", token).text();
      final List<PromotionRow> opened = new ArrayList<>();
      final ApiCalls.Answer promotions = api.get("/api/v1/promotions", token);
      if (promotions.ok()) {
        for (final JsonNode p : promotions.json()) {
          final PromotionRow row = Read.promotion(p);
          if (!row.sourceCommit().isEmpty() && row.sourceCommit().equals(v.run().commit())) {
            opened.add(row);
          }
        }
      }
      return web.render("run.jte", Web.params(viewer, "view", new RunView(v.run(), v.stages(), v.failedStep(), opened),
          "log", log));
    });
  }

  /** Runs a pipeline: {@code {repository, branch?, commit?, pipeline?}}. */
  void submit(RoutingContext rc) {
    web.action(rc, (s, body) -> {
      final ObjectNode req = ApiCalls.JSON.createObjectNode();
      for (final String f : List.of("repository", "branch", "commit", "pipeline")) {
        final String v = body.path(f).asText("").trim();
        if (!v.isEmpty()) {
          req.put(f, v);
        }
      }
      if (!req.has("repository")) {
        return new Reply(400, ApiCalls.JSON.createObjectNode().put("error", "repository: choose a repository"));
      }
      if (s != null && s.user() != null) {
        req.put("user", s.user());
      }
      return Reply.of(api.post("/api/v1/pipelines/runs", req, Web.token(s)));
    });
  }

  void cancel(RoutingContext rc) {
    final String id = rc.pathParam("id");
    web.action(rc, (s, body) -> Reply.of(api.post("/api/v1/pipelines/runs/" + ApiCalls.enc(id) + "/cancel",
        ApiCalls.JSON.createObjectNode(), Web.token(s))));
  }

  /** Runs the same repository, commit, branch and pipeline again. */
  void rerun(RoutingContext rc) {
    final String id = rc.pathParam("id");
    web.action(rc, (s, body) -> {
      final JsonNode run = api.read("/api/v1/pipelines/runs/" + ApiCalls.enc(id), Web.token(s));
      final ObjectNode req = ApiCalls.JSON.createObjectNode().put("repository", run.path("repository").asText())
          .put("commit", run.path("commit").asText()).put("branch", run.path("branch").asText())
          .put("pipeline", Read.run(run, Instant.EPOCH).pipeline());
      if (s != null && s.user() != null) {
        req.put("user", s.user());
      }
      return Reply.of(api.post("/api/v1/pipelines/runs", req, Web.token(s)));
    });
  }

  static String param(RoutingContext rc, String name) {
    final String v = rc.queryParams().get(name);
    return v == null ? "" : v.trim().toLowerCase(Locale.ROOT).equals("all") ? "" : v.trim();
  }
}
