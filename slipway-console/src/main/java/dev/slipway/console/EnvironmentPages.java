package dev.slipway.console;

import dev.slipway.api.ApplicationSpec;
import dev.slipway.api.Deployment;
import dev.slipway.api.EnvironmentStatus;
import dev.slipway.api.HistoryEntry;
import dev.slipway.api.RollbackRequest;
import dev.slipway.client.SlipwayClient;
import dev.slipway.client.SlipwayException;
import dev.slipway.console.Web.Reply;
import dev.slipway.console.view.AppRow;
import dev.slipway.console.view.EnvView;
import dev.slipway.console.view.HistoryRow;
import dev.slipway.console.view.PredictorView;
import dev.slipway.console.view.ReplicaRow;
import io.vertx.ext.web.RoutingContext;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * Environments, as ArgoCD shows them: each environment's applications with sync, health, revision, conditions and
 * replicas; an environment's history (author, approver, source) with rollback; one application's graph, replicas and
 * history with its own rollback; refresh.
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
        web.page(
                rc,
                viewer -> web.render(
                        "environments.jte", Web.params(viewer, "environments", environments(web.client(rc)))));
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

    /**
     * One application: its status, the SeldonDeployment's graph as the spec asks for it (predictors, traffic split,
     * shadows, nodes with their servers and replicas) beside the replicas that run, and its own history with a
     * rollback of this application only ({@code slipway env rollback ENV APP --to REV}).
     */
    void application(RoutingContext rc) {
        final String env = rc.pathParam("env");
        final String app = rc.pathParam("app");
        web.page(rc, viewer -> {
            final SlipwayClient api = web.client(rc);
            final CompletableFuture<Map<String, String>> ready = web.async(() -> ready(api));
            final CompletableFuture<ApplicationSpec> spec = web.async(() -> api.applicationSpec(env, app));
            final CompletableFuture<List<HistoryEntry>> history = web.async(() -> api.history(env, app));
            final EnvView e = Read.environment(api.environment(env), Web.join(ready));
            final AppRow row = e.applications().stream()
                    .filter(a -> a.name().equals(app))
                    .findFirst()
                    .orElseThrow(() -> Web.problem(404, "no application '" + app + "' in environment " + env));
            List<ReplicaRow> replicas = List.of();
            List<String> warnings = new ArrayList<>();
            try {
                final Deployment d = api.deployment(row.namespace(), app);
                replicas = Read.replicas(d);
                warnings.addAll(d.warnings());
            } catch (SlipwayException notRunning) {
                if (notRunning.status() != 404) {
                    throw notRunning;
                }
            }
            List<PredictorView> predictors = List.of();
            try {
                predictors = Read.predictors(Web.join(spec), replicas);
            } catch (SlipwayException unreadable) {
                if (unreadable.status() != 409 && unreadable.status() != 404) {
                    throw unreadable;
                }
                warnings.add(unreadable.getMessage());
            }
            final List<HistoryEntry> changes = Web.join(history);
            // the newest change of the application's own files is what it runs now: no rollback offered to it
            return web.render(
                    "application.jte",
                    Web.params(
                            viewer,
                            "env",
                            e,
                            "app",
                            row,
                            "predictors",
                            predictors,
                            "warnings",
                            warnings,
                            "history",
                            Read.history(
                                    changes,
                                    changes.isEmpty() ? "" : changes.get(0).revision())));
        });
    }

    /**
     * {@code POST /environments/ENV/rollback} with {@code {to, application?}}: a revert commit of the whole environment
     * or of one application, made as the signed-in user.
     */
    void rollback(RoutingContext rc) {
        final String env = rc.pathParam("env");
        web.action(rc, (s, body) -> {
            final String to = body.path("to").asText("").trim();
            if (to.isEmpty()) {
                return Reply.error(400, "to: which revision?");
            }
            final String user = Web.actingUser(s, body);
            if (user.isEmpty()) {
                return Reply.error(400, "user: who rolls back?");
            }
            final String application = body.path("application").asText("").trim();
            // as the CLI: 'env rollback ENV APP --to REV' restores one application, 'env rollback ENV --to REV --all'
            // all
            return Reply.ok(web.client(s)
                    .rollback(
                            env,
                            application.isEmpty()
                                    ? new RollbackRequest(to, user)
                                    : new RollbackRequest(to, user, application, null, false, false)));
        });
    }

    void refresh(RoutingContext rc) {
        web.action(rc, (s, body) -> Reply.ok(web.client(s).refresh()));
    }
}
