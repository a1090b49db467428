package dev.slipway.controlplane;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.slipway.controlplane.auth.AuthHandler;
import dev.slipway.gitops.env.Environment;
import dev.slipway.gitops.promote.PromotionException;
import dev.slipway.gitops.promote.PromotionState;
import dev.slipway.gitops.promote.Reviewer;
import dev.slipway.gitops.promote.Rollback;
import dev.slipway.gitops.status.HistoryReader;
import dev.slipway.gitops.sync.SyncController;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.time.Clock;
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * The GitOps part of the REST API: environments (status, history, rollback) and promotion requests (list, show
 * with diff, approve, reject). Git work runs off the event loop. Errors are {@code {"error": message}}: 400 bad
 * input, 403 the four-eyes rule and other refusals, 404 unknown ids, 409 conflicts.
 */
final class GitOpsApi {

  private static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
      .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

  private final Vertx vertx;
  private final SyncController sync;
  private final Reviewer reviewer;
  private final Rollback rollback;
  private final HistoryReader history;

  GitOpsApi(Vertx vertx, SyncController sync, Clock clock) {
    this.vertx = vertx;
    this.sync = sync;
    this.reviewer = new Reviewer(sync.repository(), clock);
    this.rollback = new Rollback(sync.repository(), clock);
    this.history = new HistoryReader(sync.repository());
  }

  void routes(Router router) {
    final BodyHandler body = BodyHandler.create(false).setBodyLimit(64 * 1024);
    router.get("/api/v1/environments").handler(rc -> run(rc, 200, () -> {
      final var all = sync.statuses();
      if (all.isEmpty() && sync.problem().isPresent()) {
        throw new PromotionException(PromotionException.Kind.UNAVAILABLE, "the sync controller has no environment "
            + "to report: " + sync.problem().get().message());
      }
      return JSON.valueToTree(all);
    }));
    router.get("/api/v1/environments/:env").handler(rc -> run(rc, 200, () -> JSON.valueToTree(
        sync.status(rc.pathParam("env")).orElseThrow(() -> new PromotionException(PromotionException.Kind.NOT_FOUND,
            "no environment '" + rc.pathParam("env") + "' (known: " + String.join(", ",
                sync.statuses().stream().map(s -> s.name()).toList()) + ")")))));
    router.get("/api/v1/environments/:env/history").handler(rc -> run(rc, 200, () -> {
      final Environment env = environment(rc.pathParam("env"));
      return JSON.valueToTree(history.history(env, 100, sync.synced(env.name())));
    }));
    router.post("/api/v1/environments/:env/rollback").handler(body).handler(rc -> run(rc, 200, () -> {
      final JsonNode b = bodyOf(rc);
      final String to = text(b, "to");
      final var result = rollback.rollback(rc.pathParam("env"), to, AuthHandler.actingUser(rc, text(b, "user")));
      sync.refresh();
      return JSON.valueToTree(result);
    }));
    router.post("/api/v1/gitops/refresh").handler(rc -> {
      sync.refresh();
      json(rc, 202, JSON.createObjectNode().put("refreshing", true));
    });
    router.get("/api/v1/promotions").handler(rc -> run(rc, 200, () -> {
      final String state = rc.queryParams().get("state");
      PromotionState s = null;
      if (state != null && !state.isBlank()) {
        try {
          s = PromotionState.valueOf(state.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
          throw new PromotionException(PromotionException.Kind.INVALID, "state: '" + state
              + "' is not one of open, approved, rejected, merged, superseded");
        }
      }
      final String env = rc.queryParams().get("env");
      return JSON.valueToTree(reviewer.list(env == null || env.isBlank() ? null : env, s));
    }));
    router.get("/api/v1/promotions/:id").handler(rc -> run(rc, 200, () -> {
      final Reviewer.Shown shown = reviewer.show(rc.pathParam("id"));
      final ObjectNode n = JSON.valueToTree(shown.request());
      n.put("diff", shown.diff());
      return n;
    }));
    router.post("/api/v1/promotions/:id/approve").handler(body).handler(rc -> run(rc, 200, () -> {
      final var r = reviewer.approve(rc.pathParam("id"), AuthHandler.actingUser(rc, text(bodyOf(rc), "user")));
      sync.refresh();
      return JSON.valueToTree(r);
    }));
    router.post("/api/v1/promotions/:id/reject").handler(body).handler(rc -> run(rc, 200, () -> {
      final JsonNode b = bodyOf(rc);
      return JSON.valueToTree(reviewer.reject(rc.pathParam("id"), AuthHandler.actingUser(rc, text(b, "user")),
          text(b, "reason")));
    }));
  }

  private Environment environment(String name) {
    final var main = sync.repository().main();
    final byte[] bytes = sync.repository().trees().read(main, dev.slipway.gitops.env.Environments.FILE)
        .orElseThrow(() -> new PromotionException(PromotionException.Kind.NOT_FOUND, "main has no environments.yaml"));
    return dev.slipway.gitops.env.Environments.parse(bytes, "environments.yaml").find(name).orElseThrow(
        () -> new PromotionException(PromotionException.Kind.NOT_FOUND, "no environment '" + name + "'"));
  }

  private static JsonNode bodyOf(RoutingContext rc) {
    final String text = rc.body() == null ? null : rc.body().asString();
    if (text == null || text.isBlank()) {
      throw new PromotionException(PromotionException.Kind.INVALID, "request body: a JSON object is required");
    }
    try {
      final JsonNode n = JSON.readTree(text);
      if (!n.isObject()) {
        throw new PromotionException(PromotionException.Kind.INVALID, "request body: must be a JSON object");
      }
      return n;
    } catch (java.io.IOException e) {
      throw new PromotionException(PromotionException.Kind.INVALID, "request body: malformed JSON: "
          + e.getMessage().lines().findFirst().orElse(""));
    }
  }

  private static String text(JsonNode body, String field) {
    final JsonNode v = body.get(field);
    if (v == null || !v.isTextual() || v.asText().isBlank()) {
      throw new PromotionException(PromotionException.Kind.INVALID, field + ": a non-empty string is required");
    }
    return v.asText();
  }

  private void run(RoutingContext rc, int status, Callable<JsonNode> work) {
    vertx.<JsonNode>executeBlocking(work, false).onComplete(ar -> {
      if (ar.succeeded()) {
        json(rc, status, ar.result());
      } else if (ar.cause() instanceof PromotionException e) {
        json(rc, e.kind().httpStatus(), JSON.createObjectNode().put("error", e.getMessage())
            .put("retryable", e.kind() == PromotionException.Kind.RETRY));
      } else if (ar.cause() instanceof SecurityException e) {
        json(rc, 403, JSON.createObjectNode().put("error", e.getMessage()));
      } else if (ar.cause() instanceof dev.slipway.gitops.spec.SpecException e) {
        json(rc, 400, JSON.createObjectNode().put("error", e.getMessage()));
      } else {
        json(rc, 500, JSON.createObjectNode().put("error", String.valueOf(ar.cause().getMessage())));
      }
    });
  }

  private static void json(RoutingContext rc, int status, JsonNode body) {
    rc.response().setStatusCode(status).putHeader("Content-Type", "application/json").end(body.toPrettyString());
  }
}
