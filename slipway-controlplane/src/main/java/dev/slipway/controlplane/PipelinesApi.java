package dev.slipway.controlplane;

import dev.slipway.support.Durations;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.slipway.pipeline.model.PipelineKind;
import dev.slipway.pipeline.model.PipelineRun;
import dev.slipway.pipeline.model.Trigger;
import dev.slipway.pipeline.run.RunRequest;
import dev.slipway.pipeline.run.RunStore;
import dev.slipway.pipeline.service.GitHosting;
import dev.slipway.pipeline.service.GitHttpBackend;
import dev.slipway.pipeline.service.PipelineService;
import dev.slipway.pipeline.trigger.WebhookTrigger;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.nio.file.Files;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * Pipelines over HTTP, on the API's router. Git smart HTTP for hosted repositories at
 * {@code /git/NAME.git/…} (a push runs the pipelines of the branches it moved); {@code POST|GET
 * /api/v1/repositories}; {@code POST|GET /api/v1/pipelines/runs}, {@code GET /api/v1/pipelines/runs/{id}},
 * {@code GET …/{id}/log}, {@code POST …/{id}/cancel}; {@code POST /api/v1/webhooks/github} (HMAC-checked:
 * 401 bad signature, 400 bad payload, 202 queued or ignored); {@code POST|GET|DELETE /api/v1/pipelines/pollers};
 * {@code GET /api/v1/pipelines/token} (a step's run-scoped bearer token → its run). Blocking work runs off
 * the event loop.
 */
final class PipelinesApi {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final long MAX_PUSH = 512L * 1024 * 1024;
  private static final long MAX_JSON = 1024 * 1024;

  private final Vertx vertx;
  private final PipelineService service;
  private final GitHosting hosting;

  PipelinesApi(Vertx vertx, PipelineService service, GitHosting hosting) {
    this.vertx = vertx;
    this.service = service;
    this.hosting = hosting;
  }

  void mount(Router router) {
    router.routeWithRegex("/git/([A-Za-z0-9][A-Za-z0-9._-]*)\\.git/(.*)")
        .handler(BodyHandler.create(false).setBodyLimit(MAX_PUSH)).handler(this::git);
    BodyHandler json = BodyHandler.create(false).setBodyLimit(MAX_JSON);
    router.post("/api/v1/repositories").handler(json).handler(this::createRepository);
    router.get("/api/v1/repositories").handler(rc -> blocking(rc, () -> {
      ArrayNode out = JSON.createArrayNode();
      service.repositories().list().forEach(n -> out.addObject().put("name", n).put("url", gitUrl(rc, n)));
      return reply(200, out);
    }));
    router.post("/api/v1/pipelines/runs").handler(json).handler(this::submit);
    router.get("/api/v1/pipelines/runs").handler(rc -> blocking(rc, () -> {
      ArrayNode out = JSON.createArrayNode();
      service.list().forEach(r -> out.add(summary(r)));
      return reply(200, out);
    }));
    router.get("/api/v1/pipelines/runs/:id").handler(rc -> blocking(rc, () -> {
      PipelineRun run = find(rc.pathParam("id"));
      // the stored record: already masked
      return new Reply(200, "application/json",
          Buffer.buffer(Files.readAllBytes(service.store().dir(run.id()).resolve(RunStore.RECORD))));
    }));
    router.get("/api/v1/pipelines/runs/:id/log").handler(rc -> blocking(rc, () -> {
      PipelineRun run = find(rc.pathParam("id"));
      var log = service.store().log(run.id());
      return new Reply(200, "text/plain; charset=utf-8", Buffer.buffer(Files.exists(log) ? Files.readAllBytes(log) : new byte[0]));
    }));
    router.post("/api/v1/pipelines/runs/:id/cancel").handler(rc -> blocking(rc, () -> {
      PipelineRun run = find(rc.pathParam("id"));
      return service.cancel(run.id()) ? reply(202, JSON.createObjectNode().put("id", run.id()).put("cancelling", true))
          : error(409, "run " + run.id() + " has already ended (" + run.condition().reason() + ")");
    }));
    router.post("/api/v1/webhooks/github").handler(json).handler(this::webhook);
    router.post("/api/v1/pipelines/pollers").handler(json).handler(rc -> blocking(rc, () -> {
      JsonNode body = body(rc);
      String remote = text(body, "remote");
      service.poll(remote, Durations.parsePositive(body.path("interval").asText("60s")));
      return reply(201, pollers());
    }));
    router.get("/api/v1/pipelines/pollers").handler(rc -> blocking(rc, () -> reply(200, pollers())));
    router.delete("/api/v1/pipelines/pollers").handler(rc -> blocking(rc, () -> {
      String remote = rc.queryParams().get("remote");
      if (remote == null || remote.isBlank()) {
        return error(400, "remote: missing (DELETE /api/v1/pipelines/pollers?remote=URL)");
      }
      return service.stopPolling(remote) ? reply(200, pollers()) : error(404, "no poller for " + remote);
    }));
    // a step asks who it is: its run-scoped token names its run while the run runs
    router.get("/api/v1/pipelines/token").handler(rc -> blocking(rc, () -> {
      String auth = rc.request().getHeader("Authorization");
      String token = auth != null && auth.startsWith("Bearer ") ? auth.substring(7).trim() : null;
      return service.runOfToken(token).map(id -> reply(200, JSON.createObjectNode().put("run", id)))
          .orElseGet(() -> error(401, "no running run has this token"));
    }));
  }

  private ArrayNode pollers() {
    ArrayNode out = JSON.createArrayNode();
    for (PipelineService.PollerStatus p : service.pollers()) {
      ObjectNode o = out.addObject().put("remote", p.remote()).put("interval", Durations.format(p.interval()))
          .put("lastError", p.lastError());
      if (p.lastPoll() != null) {
        o.put("lastPoll", p.lastPoll().toString());
      }
    }
    return out;
  }

  private void git(RoutingContext rc) {
    GitHttpBackend.Request request = new GitHttpBackend.Request(rc.request().method().name(), rc.pathParam("param0"),
        rc.pathParam("param1"), rc.request().query(), rc.request().getHeader("Content-Type"),
        rc.request().getHeader("Content-Encoding"), rc.body() == null || rc.body().buffer() == null ? new byte[0]
            : rc.body().buffer().getBytes(), "slipway");
    vertx.executeBlocking(() -> hosting.serve(request), false).onComplete(ar -> {
      if (ar.failed()) {
        rc.response().setStatusCode(500).end("git failed: " + ar.cause().getMessage());
        return;
      }
      GitHttpBackend.Response r = ar.result();
      rc.response().setStatusCode(r.status());
      r.headers().forEach((k, v) -> rc.response().putHeader(k, v));
      rc.response().end(Buffer.buffer(r.body()));
    });
  }

  private void createRepository(RoutingContext rc) {
    blocking(rc, () -> {
      JsonNode body = body(rc);
      String name = text(body, "name");
      if (service.repositories().exists(name)) {
        return error(409, "repository " + name + " already exists");
      }
      service.repositories().create(name);
      return reply(201, JSON.createObjectNode().put("name", name).put("url", gitUrl(rc, name)));
    });
  }

  private void submit(RoutingContext rc) {
    blocking(rc, () -> {
      JsonNode body = body(rc);
      String repository = text(body, "repository");
      String location = repository.contains("/") || repository.contains(":") ? repository
          : service.repositories().dir(repository).toString();
      if (!repository.contains("/") && !repository.contains(":") && !service.repositories().exists(repository)) {
        return error(404, "repository: no hosted repository " + repository);
      }
      String commit = body.path("commit").asText("HEAD");
      String branch = body.path("branch").asText("");
      PipelineKind kind = PipelineKind.parse(body.path("pipeline").asText("release"));
      PipelineRun run = service.submit(new RunRequest(location, commit, branch, kind,
          new Trigger(Trigger.Type.manual, body.path("user").asText("api")), Map.of(), null, null));
      return reply(202, summary(run));
    });
  }

  private void webhook(RoutingContext rc) {
    byte[] body = rc.body() == null || rc.body().buffer() == null ? new byte[0] : rc.body().buffer().getBytes();
    String event = rc.request().getHeader("X-GitHub-Event") != null ? rc.request().getHeader("X-GitHub-Event")
        : rc.request().getHeader("X-Gitea-Event");
    blocking(rc, () -> {
      WebhookTrigger.Decision d = service.webhook(event, rc.request().getHeader("X-Hub-Signature-256"),
          rc.request().getHeader("X-GitHub-Delivery"), body);
      if (d instanceof WebhookTrigger.Rejected r) {
        return error(r.signature() ? 401 : 400, r.reason());
      }
      if (d instanceof WebhookTrigger.Ignored i) {
        return reply(202, JSON.createObjectNode().put("ignored", i.reason()));
      }
      WebhookTrigger.Run run = (WebhookTrigger.Run) d;
      return reply(202, JSON.createObjectNode().put("queued", true).put("commit", run.event().commit())
          .put("pipeline", run.request().kind().yamlName()));
    });
  }

  private PipelineRun find(String id) {
    return service.find(id).orElseThrow(() -> new NotFound("no run " + id));
  }

  private static ObjectNode summary(PipelineRun r) {
    ObjectNode o = JSON.createObjectNode();
    o.put("id", r.id()).put("pipeline", r.pipeline().kind().yamlName()).put("repository", r.repository())
        .put("commit", r.commit()).put("branch", r.branch()).put("trigger", r.trigger().type().name())
        .put("status", r.condition().status().name()).put("reason", r.condition().reason().name())
        .put("message", r.condition().message());
    if (r.startTime() != null) {
      o.put("startTime", r.startTime().toString());
    }
    if (r.endTime() != null) {
      o.put("endTime", r.endTime().toString());
    }
    return o;
  }

  private static String gitUrl(RoutingContext rc, String name) {
    return "http://" + rc.request().authority() + "/git/" + name + ".git";
  }

  private static JsonNode body(RoutingContext rc) {
    try {
      String text = rc.body() == null ? null : rc.body().asString();
      JsonNode n = text == null || text.isBlank() ? null : JSON.readTree(text);
      if (n == null || !n.isObject()) {
        throw new BadRequest("the body must be a JSON object");
      }
      return n;
    } catch (java.io.IOException e) {
      throw new BadRequest("the body is not JSON: " + e.getMessage());
    }
  }

  private static String text(JsonNode body, String field) {
    JsonNode v = body.get(field);
    if (v == null || !v.isTextual() || v.asText().isBlank()) {
      throw new BadRequest(field + ": missing");
    }
    return v.asText();
  }

  /** A response computed off the event loop. */
  private record Reply(int status, String contentType, Buffer body) {}

  private static Reply reply(int status, JsonNode body) {
    return new Reply(status, "application/json", Buffer.buffer(body.toPrettyString()));
  }

  private static Reply error(int status, String message) {
    return reply(status, JSON.createObjectNode().put("error", message));
  }

  private void blocking(RoutingContext rc, Callable<Reply> work) {
    vertx.executeBlocking(() -> {
      try {
        return work.call();
      } catch (NotFound e) {
        return error(404, e.getMessage());
      } catch (BadRequest | IllegalArgumentException e) {
        return error(400, e.getMessage());
      }
    }, false).onComplete(ar -> {
      Reply r = ar.succeeded() ? ar.result() : error(500, String.valueOf(ar.cause().getMessage()));
      rc.response().setStatusCode(r.status()).putHeader("Content-Type", r.contentType()).end(r.body());
    });
  }

  private static final class NotFound extends RuntimeException {
    private static final long serialVersionUID = 1L;

    NotFound(String message) {
      super(message);
    }
  }

  private static final class BadRequest extends RuntimeException {
    private static final long serialVersionUID = 1L;

    BadRequest(String message) {
      super(message);
    }
  }
}
