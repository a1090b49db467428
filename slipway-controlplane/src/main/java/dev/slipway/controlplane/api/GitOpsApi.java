package dev.slipway.controlplane.api;

import dev.slipway.api.Promotion;
import dev.slipway.api.Refreshing;
import dev.slipway.api.Review;
import dev.slipway.api.RollbackRequest;
import dev.slipway.api.SyncRequest;
import dev.slipway.controlplane.auth.AuthHandler;
import dev.slipway.gitops.env.Environment;
import dev.slipway.gitops.env.Environments;
import dev.slipway.gitops.promote.PromotionState;
import dev.slipway.gitops.promote.Reviewer;
import dev.slipway.gitops.promote.Rollback;
import dev.slipway.gitops.status.HistoryReader;
import dev.slipway.gitops.sync.SyncController;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.util.Locale;
import java.util.Objects;

/**
 * The GitOps part of the API: environments ({@code GET /api/v1/environments[/{env}]}, {@code …/{env}/history[?application=]},
 * {@code …/{env}/applications/{app}/spec} (the desired SeldonDeployment, summarised),
 * {@code POST …/{env}/rollback} (one application, a dry run, or all of it), {@code POST …/{env}/sync} (reconcile now,
 * answered with the status after that pass); 503 while the sync controller has nothing to report), {@code POST /api/v1/gitops/refresh}, and promotion requests
 * ({@code GET /api/v1/promotions?env=&state=}, {@code GET /api/v1/promotions/{id}} with the diff,
 * {@code POST …/{id}/approve|reject}). Git work runs off the event loop. 400 bad input, 403 the four-eyes rule and other
 * refusals, 404 unknown ids, 409 conflicts ({@code retryable} says whether the same request may succeed later).
 */
public final class GitOpsApi implements ApiRoutes {

    private static final String STATES = "open, approved, rejected, merged, superseded";

    private final Replies replies;
    private final SyncController sync;
    private final Reviewer reviewer;
    private final Rollback rollback;
    private final HistoryReader history;

    public GitOpsApi(
            Replies replies, SyncController sync, Reviewer reviewer, Rollback rollback, HistoryReader history) {
        this.replies = Objects.requireNonNull(replies, "replies");
        this.sync = Objects.requireNonNull(sync, "sync");
        this.reviewer = Objects.requireNonNull(reviewer, "reviewer");
        this.rollback = Objects.requireNonNull(rollback, "rollback");
        this.history = Objects.requireNonNull(history, "history");
    }

    /** The routes of a control plane that follows no GitOps repository: one 404 that says so. */
    public static ApiRoutes unavailable(Replies replies) {
        return router -> {
            final ApiException none =
                    ApiException.notFound("this control plane follows no GitOps repository (start it with --gitops)");
            for (final String prefix : new String[] {"/api/v1/environments", "/api/v1/promotions", "/api/v1/gitops"}) {
                router.route(prefix + "*").handler(rc -> replies.fail(rc, none));
            }
        };
    }

    @Override
    public void mount(Router router) {
        final BodyHandler body = BodyHandler.create(false).setBodyLimit(64 * 1024);
        router.get("/api/v1/environments")
                .handler(rc -> replies.blockingJson(rc, 200, () -> {
                    final var all = sync.statuses();
                    if (all.isEmpty() && sync.problem().isPresent()) {
                        throw new ApiException(
                                503,
                                "the sync controller has no environment to report: "
                                        + sync.problem().get().message());
                    }
                    return all.stream().map(Views::environment).toList();
                }));
        router.get("/api/v1/environments/:env")
                .handler(rc -> replies.blockingJson(rc, 200, () -> {
                    final String env = rc.pathParam("env");
                    return Views.environment(sync.status(env)
                            .orElseThrow(() -> ApiException.notFound("no environment '" + env + "' (known: "
                                    + String.join(
                                            ", ",
                                            sync.statuses().stream()
                                                    .map(s -> s.name())
                                                    .toList()) + ")")));
                }));
        router.get("/api/v1/environments/:env/applications/:app/spec")
                .handler(rc -> replies.blockingJson(rc, 200, () -> {
                    final String env = rc.pathParam("env");
                    return new ApplicationSpecs(sync.repository())
                            .read(
                                    sync.status(env)
                                            .orElseThrow(() -> ApiException.notFound("no environment '" + env + "'")),
                                    rc.pathParam("app"));
                }));
        router.get("/api/v1/environments/:env/history")
                .handler(rc -> replies.blockingJson(rc, 200, () -> {
                    final Environment env = environment(rc.pathParam("env"));
                    final String app = rc.queryParams().get("application");
                    return history
                            .history(env, app == null || app.isBlank() ? null : app, 100, sync.synced(env.name()))
                            .stream()
                            .map(Views::history)
                            .toList();
                }));
        router.post("/api/v1/environments/:env/rollback")
                .handler(body)
                .handler(rc -> replies.blockingJson(rc, 200, () -> {
                    final RollbackRequest asked = replies.body(rc, RollbackRequest.class);
                    final boolean dryRun = Boolean.TRUE.equals(asked.dryRun());
                    final var result = rollback.rollback(new Rollback.Request(
                            rc.pathParam("env"),
                            blankToNull(asked.application()),
                            Replies.required(asked.to(), "to"),
                            AuthHandler.actingUser(rc, user(rc, asked.user())),
                            asked.reason() == null ? "" : asked.reason(),
                            Boolean.TRUE.equals(asked.all()),
                            dryRun));
                    if (!dryRun) {
                        sync.refresh();
                    }
                    return Views.rollback(result);
                }));
        router.post("/api/v1/environments/:env/sync")
                .handler(body)
                .handler(rc -> replies.blockingJson(rc, 200, () -> {
                    final String text = rc.body() == null ? null : rc.body().asString();
                    final SyncRequest asked = text == null || text.isBlank()
                            ? new SyncRequest(null)
                            : replies.body(rc, SyncRequest.class);
                    final java.util.concurrent.CompletableFuture<dev.slipway.gitops.status.EnvironmentStatus> pass;
                    try {
                        pass = sync.sync(rc.pathParam("env"), blankToNull(asked.application()));
                    } catch (IllegalArgumentException e) {
                        throw ApiException.notFound(e.getMessage());
                    }
                    try {
                        return Views.environment(pass.get(2, java.util.concurrent.TimeUnit.MINUTES));
                    } catch (java.util.concurrent.ExecutionException e) {
                        throw new ApiException(
                                503,
                                "sync of " + rc.pathParam("env") + " failed: "
                                        + e.getCause().getMessage());
                    } catch (java.util.concurrent.TimeoutException e) {
                        throw new ApiException(
                                503, "sync of " + rc.pathParam("env") + " did not finish within 2 minutes");
                    }
                }));
        router.post("/api/v1/gitops/refresh").handler(rc -> {
            sync.refresh();
            replies.json(rc, 202, new Refreshing(true));
        });
        router.get("/api/v1/promotions")
                .handler(rc -> replies.blockingJson(rc, 200, () -> {
                    final String env = rc.queryParams().get("env");
                    return reviewer
                            .list(
                                    env == null || env.isBlank() ? null : env,
                                    state(rc.queryParams().get("state")))
                            .stream()
                            .map(Views::promotion)
                            .toList();
                }));
        router.get("/api/v1/promotions/:id")
                .handler(rc -> replies.blockingJson(rc, 200, () -> {
                    return Views.promotion(reviewer.show(rc.pathParam("id")));
                }));
        router.post("/api/v1/promotions/:id/approve")
                .handler(body)
                .handler(rc -> replies.blockingJson(rc, 200, () -> {
                    final Review asked = replies.body(rc, Review.class);
                    final Promotion approved = Views.promotion(reviewer.approve(
                            rc.pathParam("id"),
                            AuthHandler.actingUser(rc, user(rc, asked.user())),
                            AuthHandler.authenticated(rc)));
                    sync.refresh();
                    return approved;
                }));
        router.post("/api/v1/promotions/:id/reject")
                .handler(body)
                .handler(rc -> replies.blockingJson(rc, 200, () -> {
                    final Review asked = replies.body(rc, Review.class);
                    return Views.promotion(reviewer.reject(
                            rc.pathParam("id"),
                            AuthHandler.actingUser(rc, user(rc, asked.user())),
                            Replies.required(asked.reason(), "reason"),
                            AuthHandler.authenticated(rc)));
                }));
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }

    /** The user a decision names: optional with --auth (the token's user), required without. */
    private static String user(RoutingContext rc, String named) {
        return AuthHandler.authenticated(rc) ? named : Replies.required(named, "user");
    }

    private static PromotionState state(String state) {
        if (state == null || state.isBlank()) {
            return null;
        }
        try {
            return PromotionState.valueOf(state.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("state: '" + state + "' is not one of " + STATES);
        }
    }

    private Environment environment(String name) {
        final var main = sync.repository().main();
        final byte[] bytes = sync.repository()
                .trees()
                .read(main, Environments.FILE)
                .orElseThrow(() -> ApiException.notFound("main has no " + Environments.FILE));
        return Environments.parse(bytes, Environments.FILE)
                .find(name)
                .orElseThrow(() -> ApiException.notFound("no environment '" + name + "'"));
    }
}
