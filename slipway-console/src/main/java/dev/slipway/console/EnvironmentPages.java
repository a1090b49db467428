package dev.slipway.console;

import dev.slipway.api.Deployment;
import dev.slipway.api.EnvironmentStatus;
import dev.slipway.client.SlipwayClient;
import dev.slipway.client.SlipwayException;
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

  EnvironmentPages(Web web) {
    this.web = web;
  }

  /** Replicas ready per {@code namespace/name}. */
  static Map<String, String> ready(SlipwayClient api) {
    final Map<String, String> out = new HashMap<>();
    for (final Deployment d : api.deployments(null)) {
      out.put(d.namespace() + "/" + d.name(), Read.ready(d));
    }
    return out;
  }

  /** The environments, or empty when {@code slipway up} follows no GitOps repository. */
  static List<EnvView> environments(SlipwayClient api) {
    final List<EnvironmentStatus> all;
    try {
      all = api.environments();
    } catch (SlipwayException e) {
      if (e.status() == 404) {
        return List.of();
      }
      throw e;
    }
    final Map<String, String> ready = ready(api);
    final List<EnvView> out = new ArrayList<>();
    all.forEach(e -> out.add(Read.environment(e, ready)));
    return out;
  }

  void list(RoutingContext rc) {
    web.page(rc, viewer -> web.render("environments.jte", Web.params(viewer,
        "environments", environments(web.client(rc)))));
  }

  void show(RoutingContext rc) {
    final String env = rc.pathParam("env");
    web.page(rc, viewer -> {
      final SlipwayClient api = web.client(rc);
      final EnvView e = Read.environment(api.environment(env), ready(api));
      final List<HistoryRow> history = Read.history(api.history(env), e.revision());
      return web.render("environment.jte", Web.params(viewer, "env", e, "history", history));
    });
  }

  void application(RoutingContext rc) {
    final String env = rc.pathParam("env");
    final String app = rc.pathParam("app");
    web.page(rc, viewer -> {
      final SlipwayClient api = web.client(rc);
      final EnvView e = Read.environment(api.environment(env), ready(api));
      final AppRow row = e.applications().stream().filter(a -> a.name().equals(app)).findFirst()
          .orElseThrow(() -> Web.problem(404, "no application '" + app + "' in environment " + env));
      List<ReplicaRow> replicas = List.of();
      List<String> warnings = List.of();
      try {
        final Deployment d = api.deployment(row.namespace(), app);
        replicas = Read.replicas(d);
        warnings = d.warnings();
      } catch (SlipwayException notRunning) {
        if (notRunning.status() != 404) {
          throw notRunning;
        }
      }
      return web.render("application.jte", Web.params(viewer, "env", e, "app", row, "replicas", replicas,
          "warnings", warnings));
    });
  }

  /** {@code POST /environments/ENV/rollback} with {@code {to}}: a revert commit, made as the signed-in user. */
  void rollback(RoutingContext rc) {
    final String env = rc.pathParam("env");
    web.action(rc, (s, body) -> {
      final String to = body.path("to").asText("").trim();
      if (to.isEmpty()) {
        return Reply.error(400, "to: which revision?");
      }
      final String user = s != null && s.token() != null ? s.user() : body.path("user").asText("").trim();
      if (user.isEmpty()) {
        return Reply.error(400, "user: who rolls back?");
      }
      return Reply.ok(web.client(s).rollback(env, to, user));
    });
  }

  void refresh(RoutingContext rc) {
    web.action(rc, (s, body) -> Reply.ok(web.client(s).refresh()));
  }
}
