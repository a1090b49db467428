package dev.slipway.console;

import dev.slipway.api.ArtifactInfo;
import dev.slipway.api.Repository;
import dev.slipway.api.ServerList;
import dev.slipway.api.ServerReport;
import dev.slipway.client.SlipwayClient;
import dev.slipway.console.view.ArtifactRow;
import dev.slipway.console.view.EnvView;
import dev.slipway.console.view.PromotionRow;
import dev.slipway.console.view.RunRow;
import dev.slipway.console.view.ServerRow;
import io.vertx.ext.web.RoutingContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/** The overview (repositories, latest runs, environments, open requests) and the servers and artifacts page. */
final class OtherPages {

    /** Runs the overview shows. */
    static final int LATEST = 10;

    private final Web web;
    private final PipelinePages pipelines;
    private final PromotionPages promotions;

    OtherPages(Web web, PipelinePages pipelines, PromotionPages promotions) {
        this.web = web;
        this.pipelines = pipelines;
        this.promotions = promotions;
    }

    void overview(RoutingContext rc) {
        web.page(rc, viewer -> {
            final SlipwayClient api = web.client(rc);
            // four independent API calls at once: the page costs the slowest of them, not their sum
            final CompletableFuture<List<String>> repositories = web.async(
                    () -> api.repositories().stream().map(Repository::name).toList());
            final CompletableFuture<List<RunRow>> runs = web.async(() -> pipelines.latest(api, LATEST));
            final CompletableFuture<List<PromotionRow>> open = web.async(() -> promotions.requests(api, "open"));
            final List<EnvView> envs = EnvironmentPages.environments(api);
            final List<RunRow> latest = Web.join(runs);
            return web.render(
                    "overview.jte",
                    Web.params(
                            viewer,
                            "repositories",
                            Web.join(repositories),
                            "runs",
                            latest,
                            "environments",
                            envs,
                            "requests",
                            envs.isEmpty() ? List.of() : Web.join(open)));
        });
    }

    void servers(RoutingContext rc) {
        web.page(rc, viewer -> {
            final SlipwayClient api = web.client(rc);
            final ServerList list = api.servers(true);
            final List<ServerRow> servers = new ArrayList<>();
            for (final Map.Entry<String, ServerList.Server> e : list.servers().entrySet()) {
                final List<String> usedBy = new ArrayList<>();
                final List<String> versions = new ArrayList<>();
                for (final ServerReport r : list.usage()) {
                    if (r.name().equals(e.getKey())) {
                        r.uses()
                                .forEach(u ->
                                        usedBy.add(u.environment() + "/" + u.deployment() + " (" + u.node() + ")"));
                        r.versions().forEach(v -> versions.add(v.image()));
                    }
                }
                servers.add(new ServerRow(
                        e.getKey(),
                        Read.text(e.getValue().image()),
                        Read.text(e.getValue().modelClass()),
                        versions,
                        usedBy));
            }
            final List<ArtifactRow> artifacts = new ArrayList<>();
            for (final ArtifactInfo a : api.artifacts()) {
                artifacts.add(new ArtifactRow(
                        a.name(), a.version(), Read.text(a.digest()), a.size(), Read.time(a.published())));
            }
            return web.render("servers.jte", Web.params(viewer, "servers", servers, "artifacts", artifacts));
        });
    }
}
