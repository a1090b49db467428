package dev.slipway.controlplane;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.slipway.gitops.spec.Manifest;
import dev.slipway.gitops.spec.SpecException;
import dev.slipway.gitops.spec.SpecProblem;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The control plane's REST API: {@code GET /api/v1/deployments}, {@code GET /api/v1/namespaces/{ns}/deployments},
 * {@code GET|PUT|DELETE /api/v1/namespaces/{ns}/deployments/{name}} ({@code ?wait=true} waits for the rollout
 * or deletion; {@code ?force=true} changes one that GitOps manages, which is refused otherwise); the read-only Maven repository of the model API at {@code /maven/}. Errors are
 * {@code {"error": message, "problems": [{path, message}]}} with 4xx for the caller's mistakes.
 */
final class DeploymentsApi implements AutoCloseable {

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  private static final long MAX_BODY = 2L * 1024 * 1024;

  private final Vertx vertx;
  private final ControlPlane plane;
  private HttpServer server;

  DeploymentsApi(Vertx vertx, ControlPlane plane) {
    this.vertx = vertx;
    this.plane = plane;
  }

  void start(String host, int port) {
    final Router router = Router.router(vertx);
    if (plane.auth() != null) {
      router.route().handler(plane.auth()); // first: every route below needs a token
    }
    router.get("/api/v1/deployments").handler(rc -> json(rc, 200, StatusJson.list(plane.list())));
    router.get("/api/v1/namespaces/:ns/deployments").handler(rc -> json(rc, 200, StatusJson.list(
        plane.list().stream().filter(s -> s.namespace().equals(rc.pathParam("ns"))).toList())));
    router.get("/api/v1/namespaces/:ns/deployments/:name").handler(this::get);
    router.put("/api/v1/namespaces/:ns/deployments/:name").handler(BodyHandler.create(false).setBodyLimit(MAX_BODY))
        .handler(this::put);
    router.delete("/api/v1/namespaces/:ns/deployments/:name").handler(this::delete);
    router.get("/healthz").handler(rc -> rc.response().end("ok"));
    plane.mavenRoutes(router);
    plane.mountPipelines(router);
    plane.gitopsRoutes(router);
    plane.artifactRoutes(router);
    router.route().last().handler(rc -> error(rc, 404, "no such API path: " + rc.request().path()));
    try {
      // HTTP/1.1 only, as git, Maven and the CLI speak it: the JDK HttpClient's default h2c upgrade of a GET with a
      // larger answer (the model API jar, an artifact archive) hung forever against Vert.x, its own timeout unfired
      server = vertx.createHttpServer(new io.vertx.core.http.HttpServerOptions().setHttp2ClearTextEnabled(false))
          .requestHandler(router).listen(port, host)
          .toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IllegalStateException("API cannot listen on " + host + ":" + port + ": "
          + (e.getCause() == null ? e : e.getCause()).getMessage(), e);
    }
  }

  int port() {
    return server.actualPort();
  }

  private void get(RoutingContext rc) {
    plane.status(rc.pathParam("ns"), rc.pathParam("name")).ifPresentOrElse(
        s -> json(rc, 200, StatusJson.of(s)),
        () -> error(rc, 404, "no deployment '" + rc.pathParam("name") + "' in namespace '" + rc.pathParam("ns") + "'"));
  }

  private void put(RoutingContext rc) {
    final String ns = rc.pathParam("ns");
    final String name = rc.pathParam("name");
    final Manifest manifest;
    try {
      final String body = rc.body().asString();
      manifest = plane.parser().parse(body == null ? "" : body, "request body", null);
      if (!manifest.deployment().name().equals(name)) {
        error(rc, 400, "metadata.name: is '" + manifest.deployment().name() + "' but the path says '" + name + "'");
        return;
      }
      final String declared = manifest.deployment().namespace().orElse(ns);
      if (!declared.equals(ns)) {
        error(rc, 400, "metadata.namespace: is '" + declared + "' but the path says '" + ns + "'");
        return;
      }
    } catch (SpecException e) {
      problems(rc, e);
      return;
    }
    if (refusedByGitOps(rc, ns, name)) {
      return;
    }
    final ApplyResult result;
    try {
      result = plane.apply(manifest, ns);
    } catch (SpecException e) {
      problems(rc, e);
      return;
    }
    if (!"true".equals(rc.queryParams().get("wait"))) {
      json(rc, 202, accepted(ns, name, manifest));
      return;
    }
    result.rollout().whenComplete((status, failure) -> vertx.runOnContext(v -> {
      if (failure != null) {
        final Throwable cause = failure instanceof java.util.concurrent.CompletionException ? failure.getCause() : failure;
        final ObjectNode body = NODES.objectNode().put("error", "rollout failed: " + cause.getMessage());
        plane.status(ns, name).ifPresent(s -> body.set("status", StatusJson.of(s)));
        json(rc, 409, body);
      } else {
        json(rc, 200, StatusJson.of(status));
      }
    }));
  }

  private ObjectNode accepted(String ns, String name, Manifest manifest) {
    final ObjectNode body = NODES.objectNode().put("namespace", ns).put("name", name).put("accepted", true);
    final ArrayNode warnings = body.putArray("warnings");
    manifest.warnings().forEach(w -> warnings.add(w.path() + ": " + w.message()));
    return body;
  }

  private void delete(RoutingContext rc) {
    final String ns = rc.pathParam("ns");
    final String name = rc.pathParam("name");
    if (refusedByGitOps(rc, ns, name)) {
      return;
    }
    final boolean known = plane.status(ns, name).isPresent();
    final CompletableFuture<Boolean> done = plane.delete(ns, name);
    if (!"true".equals(rc.queryParams().get("wait"))) {
      if (known) {
        json(rc, 202, NODES.objectNode().put("namespace", ns).put("name", name).put("deleting", true));
      } else {
        done.whenComplete((existed, failure) -> vertx.runOnContext(v -> deleted(rc, ns, name, existed, failure)));
      }
      return;
    }
    done.whenComplete((existed, failure) -> vertx.runOnContext(v -> deleted(rc, ns, name, existed, failure)));
  }

  /** 409 naming the environment and repository when GitOps manages the deployment and {@code ?force=true} is absent. */
  private boolean refusedByGitOps(RoutingContext rc, String ns, String name) {
    if ("true".equals(rc.queryParams().get("force"))) {
      return false;
    }
    final java.util.Optional<String> why = plane.managedByGitOps(ns, name);
    why.ifPresent(m -> error(rc, 409, m));
    return why.isPresent();
  }

  private void deleted(RoutingContext rc, String ns, String name, Boolean existed, Throwable failure) {
    if (failure != null) {
      error(rc, 500, "delete failed: " + failure.getMessage());
    } else if (!Boolean.TRUE.equals(existed)) {
      error(rc, 404, "no deployment '" + name + "' in namespace '" + ns + "'");
    } else {
      json(rc, 200, NODES.objectNode().put("namespace", ns).put("name", name).put("deleted", true));
    }
  }

  private static void problems(RoutingContext rc, SpecException e) {
    final ObjectNode body = NODES.objectNode().put("error", e.getMessage());
    final ArrayNode problems = body.putArray("problems");
    for (final SpecProblem p : e.problems()) {
      problems.addObject().put("path", p.path()).put("message", p.message());
    }
    json(rc, 400, body);
  }

  private static void error(RoutingContext rc, int status, String message) {
    json(rc, status, NODES.objectNode().put("error", message));
  }

  private static void json(RoutingContext rc, int status, JsonNode body) {
    rc.response().setStatusCode(status).putHeader("Content-Type", "application/json").end(body.toPrettyString());
  }


  @Override
  public void close() {
    if (server != null) {
      try {
        server.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
      } catch (Exception e) {
        // closing
      }
    }
  }
}
