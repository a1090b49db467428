package dev.slipway.console;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.slipway.console.Web.Reply;
import dev.slipway.console.view.AppRow;
import dev.slipway.console.view.EnvView;
import dev.slipway.console.view.HistoryRow;
import dev.slipway.console.view.ReplicaRow;
import io.vertx.ext.web.RoutingContext;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Environments, as ArgoCD shows them: each environment's applications with sync, health, revision, conditions and
 * replicas; an environment's history (author, approver, source) with rollback; one application's replicas; refresh.
 */
final class EnvironmentPages {

  private final Web web;
  private final ApiCalls api;

  EnvironmentPages(Web web, ApiCalls api) {
    this.web = web;
    this.api = api;
  }

  /** Replicas ready per {@code namespace/name}. */
  Map<String, String> ready(String token) {
    final Map<String, String> out = new HashMap<>();
    for (final JsonNode d : api.read("/api/v1/deployments", token)) {
      out.put(d.path("namespace").asText() + "/" + d.path("name").asText(), Read.ready(d));
    }
    return out;
  }

  /** The environments, or empty when {@code slipway up} follows no GitOps repository. */
  List<EnvView> environments(String token) {
    final ApiCalls.Answer a = api.get("/api/v1/environments", token);
    if (a.status() == 404) {
      return List.of();
    }
    if (!a.ok()) {
      throw new ApiCalls.ApiException(a.status(), "/api/v1/environments: " + a.error());
    }
    final Map<String, String> ready = ready(token);
    final List<EnvView> out = new ArrayList<>();
    a.json().forEach(e -> out.add(Read.environment(e, ready)));
    return out;
  }

  void list(RoutingContext rc) {
    web.page(rc, viewer -> web.render("environments.jte", Web.params(viewer,
        "environments", environments(Web.token(web.session(rc))))));
  }

  void show(RoutingContext rc) {
    final String env = rc.pathParam("env");
    web.page(rc, viewer -> {
      final String token = Web.token(web.session(rc));
      final EnvView e = Read.environment(api.read("/api/v1/environments/" + ApiCalls.enc(env), token), ready(token));
      final List<HistoryRow> history = Read.history(api.read("/api/v1/environments/" + ApiCalls.enc(env) + "/history",
          token), e.revision());
      return web.render("environment.jte", Web.params(viewer, "env", e, "history", history));
    });
  }

  void application(RoutingContext rc) {
    final String env = rc.pathParam("env");
    final String app = rc.pathParam("app");
    web.page(rc, viewer -> {
      final String token = Web.token(web.session(rc));
      final EnvView e = Read.environment(api.read("/api/v1/environments/" + ApiCalls.enc(env), token), ready(token));
      final AppRow row = e.applications().stream().filter(a -> a.name().equals(app)).findFirst()
          .orElseThrow(() -> new ApiCalls.ApiException(404, "no application '" + app + "' in environment " + env));
      final ApiCalls.Answer d = api.get("/api/v1/namespaces/" + ApiCalls.enc(row.namespace()) + "/deployments/"
          + ApiCalls.enc(app), token);
      final List<ReplicaRow> replicas = d.ok() ? Read.replicas(d.json()) : List.of();
      return web.render("application.jte", Web.params(viewer, "env", e, "app", row, "replicas", replicas,
          "warnings", d.ok() ? Read.strings(d.json().path("warnings")) : List.of()));
    });
  }

  /** {@code POST /environments/ENV/rollback} with {@code {to}}: a revert commit, made as the signed-in user. */
  void rollback(RoutingContext rc) {
    final String env = rc.pathParam("env");
    web.action(rc, (s, body) -> {
      final String to = body.path("to").asText("").trim();
      if (to.isEmpty()) {
        return new Reply(400, ApiCalls.JSON.createObjectNode().put("error", "to: which revision?"));
      }
      final String user = s != null && s.token() != null ? s.user() : body.path("user").asText("").trim();
      if (user.isEmpty()) {
        return new Reply(400, ApiCalls.JSON.createObjectNode().put("error", "user: who rolls back?"));
      }
      final ObjectNode req = ApiCalls.JSON.createObjectNode().put("to", to).put("user", user);
      return Reply.of(api.post("/api/v1/environments/" + ApiCalls.enc(env) + "/rollback", req, Web.token(s)));
    });
  }

  void refresh(RoutingContext rc) {
    web.action(rc, (s, body) -> Reply.of(api.post("/api/v1/gitops/refresh", ApiCalls.JSON.createObjectNode(),
        Web.token(s))));
  }
}
