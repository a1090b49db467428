package dev.slipway.controlplane.api;

import dev.slipway.api.ApiError;
import dev.slipway.api.DeploymentChange;
import dev.slipway.controlplane.deploy.ApplyResult;
import dev.slipway.controlplane.deploy.Deployments;
import dev.slipway.gitops.spec.Manifest;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;

/**
 * Deployments: {@code GET /api/v1/deployments}, {@code GET /api/v1/namespaces/{ns}/deployments},
 * {@code GET|PUT|DELETE /api/v1/namespaces/{ns}/deployments/{name}} ({@code ?wait=true} waits for the rollout or the
 * deletion; a failed rollout is a 409 with the deployment's status).
 */
public final class DeploymentsApi implements ApiRoutes {

    private static final long MAX_BODY = 2L * 1024 * 1024;

    private final Replies replies;
    private final Deployments deployments;

    public DeploymentsApi(Replies replies, Deployments deployments) {
        this.replies = Objects.requireNonNull(replies, "replies");
        this.deployments = Objects.requireNonNull(deployments, "deployments");
    }

    @Override
    public void mount(Router router) {
        router.get("/api/v1/deployments")
                .handler(rc -> replies.json(
                        rc,
                        200,
                        deployments.list().stream().map(Views::deployment).toList()));
        router.get("/api/v1/namespaces/:ns/deployments")
                .handler(rc -> replies.json(
                        rc,
                        200,
                        deployments.list().stream()
                                .filter(s -> s.namespace().equals(rc.pathParam("ns")))
                                .map(Views::deployment)
                                .toList()));
        router.get("/api/v1/namespaces/:ns/deployments/:name").handler(this::get);
        router.put("/api/v1/namespaces/:ns/deployments/:name")
                .handler(BodyHandler.create(false).setBodyLimit(MAX_BODY))
                .handler(this::put);
        router.delete("/api/v1/namespaces/:ns/deployments/:name").handler(this::delete);
    }

    private void get(RoutingContext rc) {
        final String ns = rc.pathParam("ns");
        final String name = rc.pathParam("name");
        replies.json(rc, 200, Views.deployment(deployments.status(ns, name).orElseThrow(() -> notFound(ns, name))));
    }

    private static ApiException notFound(String ns, String name) {
        return ApiException.notFound("no deployment '" + name + "' in namespace '" + ns + "'");
    }

    private void put(RoutingContext rc) {
        final String ns = rc.pathParam("ns");
        final String name = rc.pathParam("name");
        final String body = rc.body().asString();
        final Manifest manifest = deployments.parser().parse(body == null ? "" : body, "request body", null);
        if (!manifest.deployment().name().equals(name)) {
            throw ApiException.badRequest(
                    "metadata.name: is '" + manifest.deployment().name() + "' but the path says '" + name + "'");
        }
        final String declared = manifest.deployment().namespace().orElse(ns);
        if (!declared.equals(ns)) {
            throw ApiException.badRequest("metadata.namespace: is '" + declared + "' but the path says '" + ns + "'");
        }
        refuseIfManaged(rc, ns, name);
        final ApplyResult result = deployments.apply(manifest, ns);
        if (!"true".equals(rc.queryParams().get("wait"))) {
            replies.json(
                    rc,
                    202,
                    DeploymentChange.accepted(
                            ns,
                            name,
                            manifest.warnings().stream()
                                    .map(w -> w.path() + ": " + w.message())
                                    .toList()));
            return;
        }
        result.rollout()
                .whenComplete((status, failure) -> replies.vertx().runOnContext(v -> {
                    if (failure == null) {
                        replies.json(rc, 200, Views.deployment(status));
                        return;
                    }
                    final Throwable cause =
                            failure instanceof java.util.concurrent.CompletionException && failure.getCause() != null
                                    ? failure.getCause()
                                    : failure;
                    replies.json(
                            rc,
                            409,
                            new ApiError(
                                    "rollout failed: " + cause.getMessage(),
                                    null,
                                    null,
                                    deployments
                                            .status(ns, name)
                                            .map(Views::deployment)
                                            .orElse(null)));
                }));
    }

    /** 409 naming the GitOps environment and repository that manage the deployment, unless {@code ?force=true}. */
    private void refuseIfManaged(RoutingContext rc, String ns, String name) {
        if (!"true".equals(rc.queryParams().get("force"))) {
            deployments.managedBy(ns, name).ifPresent(why -> {
                throw ApiException.conflict(why);
            });
        }
    }

    private void delete(RoutingContext rc) {
        final String ns = rc.pathParam("ns");
        final String name = rc.pathParam("name");
        refuseIfManaged(rc, ns, name);
        final boolean known = deployments.status(ns, name).isPresent();
        final CompletableFuture<Boolean> done = deployments.delete(ns, name);
        if (known && !"true".equals(rc.queryParams().get("wait"))) {
            replies.json(rc, 202, DeploymentChange.deleting(ns, name));
            return;
        }
        done.whenComplete((existed, failure) -> replies.vertx().runOnContext(v -> {
            if (failure != null) {
                replies.json(rc, 500, ApiError.of("delete failed: " + failure.getMessage()));
            } else if (!Boolean.TRUE.equals(existed)) {
                replies.fail(rc, notFound(ns, name));
            } else {
                replies.json(rc, 200, DeploymentChange.deleted(ns, name));
            }
        }));
    }
}
