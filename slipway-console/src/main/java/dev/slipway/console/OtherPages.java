package dev.slipway.console;

import com.fasterxml.jackson.databind.JsonNode;
import dev.slipway.console.view.ArtifactRow;
import dev.slipway.console.view.EnvView;
import dev.slipway.console.view.PromotionRow;
import dev.slipway.console.view.RunRow;
import dev.slipway.console.view.ServerRow;
import io.vertx.ext.web.RoutingContext;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/** The overview (repositories, latest runs, environments, open requests) and the servers and artifacts page. */
final class OtherPages {

  private final Web web;
  private final ApiCalls api;
  private final PipelinePages pipelines;
  private final PromotionPages promotions;
  private final EnvironmentPages environments;

  OtherPages(Web web, ApiCalls api, PipelinePages pipelines, PromotionPages promotions, EnvironmentPages environments) {
    this.web = web;
    this.api = api;
    this.pipelines = pipelines;
    this.promotions = promotions;
    this.environments = environments;
  }

  void overview(RoutingContext rc) {
    web.page(rc, viewer -> {
      final String token = Web.token(web.session(rc));
      final List<String> repositories = new ArrayList<>();
      api.read("/api/v1/repositories", token).forEach(n -> repositories.add(n.path("name").asText()));
      final List<RunRow> runs = pipelines.runs(token);
      final List<EnvView> envs = environments.environments(token);
      final List<PromotionRow> open = envs.isEmpty() ? List.of() : promotions.requests(token, "open");
      return web.render("overview.jte", Web.params(viewer, "repositories", repositories,
          "runs", runs.subList(0, Math.min(10, runs.size())), "environments", envs, "requests", open));
    });
  }

  void servers(RoutingContext rc) {
    web.page(rc, viewer -> {
      final String token = Web.token(web.session(rc));
      final List<ServerRow> servers = new ArrayList<>();
      final ApiCalls.Answer s = api.get("/api/v1/servers", token);
      if (s.ok()) {
        for (Iterator<Map.Entry<String, JsonNode>> it = s.json().path("servers").fields(); it.hasNext(); ) {
          final Map.Entry<String, JsonNode> e = it.next();
          servers.add(new ServerRow(e.getKey(), e.getValue().path("image").asText(""),
              e.getValue().path("modelClass").asText(""), List.of()));
        }
      }
      final List<ArtifactRow> artifacts = new ArrayList<>();
      for (final JsonNode a : api.read("/api/v1/artifacts", token).path("artifacts")) {
        artifacts.add(new ArtifactRow(a.at("/ref/name").asText(a.path("name").asText()),
            a.at("/ref/version").asText(a.path("version").asText()), a.path("digest").asText(""),
            a.path("size").asLong(), a.path("published").asText("")));
      }
      return web.render("servers.jte", Web.params(viewer, "servers", servers, "artifacts", artifacts));
    });
  }
}
