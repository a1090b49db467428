package dev.slipway.controlplane.maven;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.Objects;
import java.util.Optional;

/**
 * {@link MavenRepository} over HTTP at {@code /maven/}: {@code GET} and {@code HEAD} (length, no body) of its files;
 * anything else under {@code /maven/} is a plain-text 404, other methods 405. Every request under the prefix ends
 * here (never passed on), and the path is the router's normalized one, so {@code ..} cannot leave the prefix.
 * Public even with {@code up --auth}: it only serves Slipway's own public API jar
 * ({@link dev.slipway.controlplane.auth.AuthHandler} lets {@link #PREFIX} through).
 */
public final class MavenRoutes {

    /** The repository's root path. */
    public static final String PREFIX = "/maven/";

    private static final String TEXT = "text/plain; charset=utf-8";

    private final Vertx vertx;
    private final MavenRepository repository;

    public MavenRoutes(Vertx vertx, MavenRepository repository) {
        this.vertx = Objects.requireNonNull(vertx, "vertx");
        this.repository = Objects.requireNonNull(repository, "repository");
    }

    /** Adds the repository's route to {@code router}. */
    public void mount(Router router) {
        router.route(PREFIX + "*").handler(this::handle);
    }

    private void handle(RoutingContext rc) {
        final HttpMethod method = rc.request().method();
        if (!method.equals(HttpMethod.GET) && !method.equals(HttpMethod.HEAD)) {
            rc.response().putHeader("Allow", "GET, HEAD");
            text(rc, 405, method.name() + " is not allowed: this Maven repository is read-only (GET, HEAD)\n");
            return;
        }
        final String path = rc.normalizedPath();
        if (!path.startsWith(PREFIX)) {
            notFound(rc, path);
            return;
        }
        final String relative = path.substring(PREFIX.length());
        vertx.<Optional<MavenFile>>executeBlocking(() -> repository.file(relative), false)
                .onComplete(r -> {
                    if (r.failed()) {
                        text(rc, 500, "cannot serve the model API: " + r.cause().getMessage() + "\n");
                    } else if (r.result().isEmpty()) {
                        notFound(rc, path);
                    } else {
                        send(rc, r.result().get(), method.equals(HttpMethod.HEAD));
                    }
                });
    }

    private static void send(RoutingContext rc, MavenFile file, boolean head) {
        rc.response()
                .setStatusCode(200)
                .putHeader("Content-Type", file.contentType())
                .putHeader("Content-Length", Integer.toString(file.length()));
        if (head) {
            rc.response().end();
        } else {
            rc.response().end(Buffer.buffer(file.content()));
        }
    }

    private void notFound(RoutingContext rc, String path) {
        text(
                rc,
                404,
                "not found: " + path + " (this repository holds only " + ModelApiArtifact.GROUP_ID + ":"
                        + ModelApiArtifact.ARTIFACT_ID + ":" + repository.version() + ")\n");
    }

    private static void text(RoutingContext rc, int status, String body) {
        if (!rc.response().ended()) {
            rc.response()
                    .setStatusCode(status)
                    .putHeader("Content-Type", TEXT)
                    .putHeader("X-Content-Type-Options", "nosniff")
                    .end(body);
        }
    }
}
