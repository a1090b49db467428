package dev.slipway.controlplane.api;

import dev.slipway.api.Poller;
import dev.slipway.api.Repository;
import dev.slipway.api.RunCancellation;
import dev.slipway.api.RunOfToken;
import dev.slipway.api.RunSubmission;
import dev.slipway.api.WebhookAnswer;
import dev.slipway.controlplane.auth.AuthHandler;
import dev.slipway.controlplane.auth.Principal;
import dev.slipway.controlplane.auth.Role;
import dev.slipway.pipeline.model.PipelineKind;
import dev.slipway.pipeline.model.PipelineRun;
import dev.slipway.pipeline.model.Trigger;
import dev.slipway.pipeline.run.RunRequest;
import dev.slipway.pipeline.run.RunStore;
import dev.slipway.pipeline.service.GitHosting;
import dev.slipway.pipeline.service.GitHttpBackend;
import dev.slipway.pipeline.service.PipelineService;
import dev.slipway.pipeline.trigger.WebhookTrigger;
import dev.slipway.support.Durations;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Pipelines over HTTP. Git smart HTTP for hosted repositories at {@code /git/NAME.git/…} (a push runs the pipelines of
 * the branches it moved); {@code POST|GET /api/v1/repositories}; {@code POST|GET /api/v1/pipelines/runs} (the list
 * filtered by {@code repository}, {@code branch}, {@code state}, {@code commit}, at most {@code limit}),
 * {@code GET /api/v1/pipelines/runs/{id}}, {@code GET …/{id}/log}, {@code POST …/{id}/cancel};
 * {@code POST /api/v1/webhooks/github} (HMAC-checked: 401 bad signature, 400 bad payload, 202 queued or ignored);
 * {@code POST|GET|DELETE /api/v1/pipelines/pollers}; {@code GET /api/v1/pipelines/token} (a step's run-scoped bearer
 * token → its run). Blocking work runs off the event loop.
 */
public final class PipelinesApi implements ApiRoutes {

    /** How much of a push's body waits in memory at most before the request is paused: 1 MiB. */
    static final long BODY_WINDOW = 1L << 20;

    private static final long MAX_JSON = 1024 * 1024;

    private final Replies replies;
    private final PipelineService service;
    private final GitHosting hosting;

    public PipelinesApi(Replies replies, PipelineService service, GitHosting hosting) {
        this.replies = Objects.requireNonNull(replies, "replies");
        this.service = Objects.requireNonNull(service, "service");
        this.hosting = Objects.requireNonNull(hosting, "hosting");
    }

    @Override
    public void mount(Router router) {
        // authentication has run (the guard is first); a repository that does not exist is a 404 before any body is
        // read
        router.routeWithRegex("/git/([A-Za-z0-9][A-Za-z0-9._-]*)\\.git/(.*)").handler(this::gitRepositoryExists);
        // no BodyHandler: a push's body streams to git http-backend (bounded memory whatever its size)
        router.routeWithRegex("/git/([A-Za-z0-9][A-Za-z0-9._-]*)\\.git/(.*)").handler(this::git);
        final BodyHandler json = BodyHandler.create(false).setBodyLimit(MAX_JSON);
        router.post("/api/v1/repositories")
                .handler(json)
                .handler(rc -> replies.blocking(rc, () -> {
                    final String name =
                            Replies.required(replies.body(rc, Repository.class).name(), "name");
                    if (service.repositories().exists(name)) {
                        throw ApiException.conflict("repository " + name + " already exists");
                    }
                    service.repositories().create(name);
                    return Reply.json(201, new Repository(name, gitUrl(rc, name)));
                }));
        router.get("/api/v1/repositories")
                .handler(rc -> replies.blockingJson(
                        rc,
                        200,
                        () -> service.repositories().list().stream()
                                .map(n -> new Repository(n, gitUrl(rc, n)))
                                .toList()));
        router.post("/api/v1/pipelines/runs").handler(json).handler(this::submit);
        router.get("/api/v1/pipelines/runs").handler(rc -> {
            final dev.slipway.api.RunFilter filter = new dev.slipway.api.RunFilter(
                    query(rc, "repository"), query(rc, "branch"), query(rc, "state"), query(rc, "commit"));
            final int limit = limit(rc.queryParams().get("limit"));
            replies.blockingJson(
                    rc,
                    200,
                    () -> service.list().stream()
                            .map(Views::runSummary)
                            .filter(filter::matches)
                            .limit(limit)
                            .toList());
        });
        // the stored record: already masked
        router.get("/api/v1/pipelines/runs/:id")
                .handler(rc -> replies.blocking(
                        rc,
                        () -> Reply.bytes(
                                200,
                                "application/json",
                                Files.readAllBytes(
                                        service.store().dir(find(rc).id()).resolve(RunStore.RECORD)))));
        router.get("/api/v1/pipelines/runs/:id/log")
                .handler(rc -> replies.blocking(rc, () -> {
                    final var log = service.store().log(find(rc).id());
                    return Reply.bytes(
                            200,
                            "text/plain; charset=utf-8",
                            Files.exists(log) ? Files.readAllBytes(log) : new byte[0]);
                }));
        router.post("/api/v1/pipelines/runs/:id/cancel")
                .handler(rc -> replies.blocking(rc, () -> {
                    final PipelineRun run = find(rc);
                    if (!service.cancel(run.id())) {
                        throw ApiException.conflict("run " + run.id() + " has already ended ("
                                + run.condition().reason() + ")");
                    }
                    return Reply.json(202, new RunCancellation(run.id(), true));
                }));
        router.post("/api/v1/webhooks/github").handler(json).handler(this::webhook);
        router.post("/api/v1/pipelines/pollers")
                .handler(json)
                .handler(rc -> replies.blocking(rc, () -> {
                    final Poller asked = replies.body(rc, Poller.class);
                    requireAdminWhenAuthenticated(rc, "polling a remote (its pipelines run code from it)");
                    service.poll(
                            Replies.required(asked.remote(), "remote"),
                            Durations.parsePositive(asked.interval() == null ? "60s" : asked.interval()));
                    return Reply.json(201, pollers());
                }));
        router.get("/api/v1/pipelines/pollers").handler(rc -> replies.blockingJson(rc, 200, this::pollers));
        router.delete("/api/v1/pipelines/pollers")
                .handler(rc -> replies.blocking(rc, () -> {
                    final String remote = rc.queryParams().get("remote");
                    if (remote == null || remote.isBlank()) {
                        throw ApiException.badRequest("remote: missing (DELETE /api/v1/pipelines/pollers?remote=URL)");
                    }
                    if (!service.stopPolling(remote)) {
                        throw ApiException.notFound("no poller for " + remote);
                    }
                    return Reply.json(200, pollers());
                }));
        // a step asks who it is: its run-scoped token names its run while the run runs
        router.get("/api/v1/pipelines/token")
                .handler(rc -> replies.blocking(rc, () -> {
                    final String auth = rc.request().getHeader("Authorization");
                    final String token = auth != null && auth.startsWith("Bearer ")
                            ? auth.substring(7).trim()
                            : null;
                    return Reply.json(
                            200,
                            new RunOfToken(service.runOfToken(token)
                                    .orElseThrow(() -> new ApiException(401, "no running run has this token"))));
                }));
    }

    /** {@code ?limit=N} of the runs list: the newest N that pass the filter (none: all). */
    private static int limit(String text) {
        if (text == null || text.isBlank()) {
            return Integer.MAX_VALUE;
        }
        try {
            final int n = Integer.parseInt(text.strip());
            if (n >= 1) {
                return n;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw ApiException.badRequest("limit: '" + text + "' must be a whole number of at least 1");
    }

    private static String query(RoutingContext rc, String name) {
        final String v = rc.queryParams().get(name);
        return v == null || v.isBlank() ? null : v.strip();
    }

    private List<Poller> pollers() {
        return service.pollers().stream().map(Views::poller).toList();
    }

    private void gitRepositoryExists(RoutingContext rc) {
        final String name = rc.pathParam("param0");
        if (!service.repositories().exists(name)) {
            rc.response().putHeader("Connection", "close");
            rc.fail(ApiException.notFound("no hosted repository " + name));
            return;
        }
        rc.next();
    }

    private void git(RoutingContext rc) {
        final long declared = contentLength(rc);
        final long max = hosting.maxRequest();
        if (declared > max) {
            rc.response()
                    .putHeader("Connection", "close")
                    .setStatusCode(413)
                    .end("request body of " + declared + " bytes is larger than " + max + " bytes\n");
            return;
        }
        final RequestBodyStream body =
                RequestBodyStream.of(rc.request(), replies.vertx().getOrCreateContext(), BODY_WINDOW);
        final GitHttpBackend.Request request = new GitHttpBackend.Request(
                rc.request().method().name(),
                rc.pathParam("param0"),
                rc.pathParam("param1"),
                rc.request().query(),
                rc.request().getHeader("Content-Type"),
                rc.request().getHeader("Content-Encoding"),
                body,
                declared,
                pusher(rc));
        final String apiUrl = "http://" + rc.request().authority(); // as the pusher reached this server
        final io.vertx.core.Context context = replies.vertx().getOrCreateContext();
        replies.vertx()
                .executeBlocking(() -> hosting.serve(request, apiUrl), false)
                .onComplete(ar -> {
                    body.close();
                    if (ar.failed()) {
                        rc.response()
                                .setStatusCode(500)
                                .end("git failed: " + ar.cause().getMessage());
                        return;
                    }
                    final GitHttpBackend.Response r = ar.result();
                    rc.response().setStatusCode(r.status());
                    if (r.status() == 413) {
                        rc.response().putHeader("Connection", "close"); // the rest of the body is not read
                    }
                    r.headers().forEach((k, v) -> rc.response().putHeader(k, v));
                    if (r.stream() == null) {
                        rc.response().end(Buffer.buffer(r.body()));
                        return;
                    }
                    // a fetch's pack, of any size: sent as git writes it, at the client's pace
                    if (r.headers().keySet().stream().noneMatch("Content-Length"::equalsIgnoreCase)) {
                        rc.response().setChunked(true);
                    }
                    final ResponseBodyPump pump = new ResponseBodyPump(rc.response(), context, BODY_WINDOW);
                    replies.vertx().executeBlocking(() -> pump.pump(r.stream()), false);
                });
    }

    /** The declared {@code Content-Length}, or -1 (none, chunked, or not a number). */
    private static long contentLength(RoutingContext rc) {
        final String v = rc.request().getHeader("Content-Length");
        if (v == null || rc.request().getHeader("Transfer-Encoding") != null) {
            return -1;
        }
        try {
            return Long.parseLong(v.trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /**
     * Who pushed, as git hosting records it at receive time: the authenticated user (their token's name); empty
     * without authentication (nobody is known). The commit's author is only what the pusher typed.
     */
    private static String pusher(RoutingContext rc) {
        final Principal p = rc.get(AuthHandler.PRINCIPAL);
        return p == null ? "" : p.name();
    }

    /** Who started a manual run: the authenticated user; without authentication the name given (or "api"). */
    private static String starter(RoutingContext rc, String claimed) {
        final Principal p = rc.get(AuthHandler.PRINCIPAL);
        return p != null ? p.name() : claimed == null ? "api" : claimed;
    }

    private static void requireAdmin(RoutingContext rc, String what) {
        final Principal p = rc.get(AuthHandler.PRINCIPAL);
        if (p == null) {
            throw new ApiException(
                    403,
                    what + ": only an admin token may ask for that, and only on a control plane started"
                            + " with --auth; host the repository instead (POST /api/v1/repositories, git push)");
        }
        requireAdminWhenAuthenticated(rc, what);
    }

    private static void requireAdminWhenAuthenticated(RoutingContext rc, String what) {
        final Principal p = rc.get(AuthHandler.PRINCIPAL);
        if (p != null && p.role() != Role.ADMIN) {
            throw new ApiException(403, what + ": only an admin token may ask for that, not " + p.name());
        }
    }

    private void submit(RoutingContext rc) {
        replies.blocking(rc, () -> {
            final RunSubmission body = replies.body(rc, RunSubmission.class);
            final String repository = Replies.required(body.repository(), "repository");
            final boolean hosted = !repository.contains("/") && !repository.contains(":");
            if (hosted && !service.repositories().exists(repository)) {
                throw ApiException.notFound("repository: no hosted repository " + repository);
            }
            if (!hosted) {
                requireAdmin(rc, "a run from a URL or folder (" + repository + ") runs code from anywhere");
            }
            final String location =
                    hosted ? service.repositories().dir(repository).toString() : repository;
            final PipelineKind kind = PipelineKind.parse(body.pipeline() == null ? "release" : body.pipeline());
            final PipelineRun run = service.submit(new RunRequest(
                    location,
                    body.commit() == null ? "HEAD" : body.commit(),
                    body.branch() == null ? "" : body.branch(),
                    kind,
                    new Trigger(Trigger.Type.manual, starter(rc, body.user())),
                    Map.of(),
                    null,
                    null));
            return Reply.json(202, Views.runSummary(run));
        });
    }

    private void webhook(RoutingContext rc) {
        final byte[] body = rc.body() == null || rc.body().buffer() == null
                ? new byte[0]
                : rc.body().buffer().getBytes();
        final String event = rc.request().getHeader("X-GitHub-Event") != null
                ? rc.request().getHeader("X-GitHub-Event")
                : rc.request().getHeader("X-Gitea-Event");
        replies.blocking(rc, () -> {
            final WebhookTrigger.Decision d = service.webhook(
                    event,
                    rc.request().getHeader("X-Hub-Signature-256"),
                    rc.request().getHeader("X-GitHub-Delivery"),
                    body);
            if (d instanceof WebhookTrigger.Rejected r) {
                throw new ApiException(r.signature() ? 401 : 400, r.reason());
            }
            if (d instanceof WebhookTrigger.Ignored i) {
                return Reply.json(202, new WebhookAnswer(null, null, null, i.reason()));
            }
            final WebhookTrigger.Run run = (WebhookTrigger.Run) d;
            return Reply.json(
                    202,
                    new WebhookAnswer(
                            true, run.event().commit(), run.request().kind().yamlName(), null));
        });
    }

    private PipelineRun find(RoutingContext rc) {
        final String id = rc.pathParam("id");
        return service.find(id).orElseThrow(() -> ApiException.notFound("no run " + id));
    }

    private static String gitUrl(RoutingContext rc, String name) {
        return "http://" + rc.request().authority() + "/git/" + name + ".git";
    }
}
