package dev.slipway.controlplane.api;

import dev.slipway.api.ApiError;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The control plane's HTTP server: one router (parts that check callers themselves — the web console's session
 * cookie — then the guard, {@code /healthz}, then each part's routes), one error
 * mapping for whatever a route throws or fails with, one 404 for unknown paths. HTTP/1.1 only, as git, Maven and the
 * CLI speak it: the JDK HttpClient's default h2c upgrade of a GET with a larger answer hung forever against Vert.x.
 */
public final class ApiServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ApiServer.class);

    private final Vertx vertx;
    private final Replies replies;
    private final Handler<RoutingContext> guard;
    private final List<ApiRoutes> unguarded;
    private final List<ApiRoutes> parts;
    private final RequestGuard requests;
    private HttpServer server;

    /**
     * @param replies how routes answer (and the error mapping)
     * @param guard runs before every route (authentication), or null for none
     * @param parts the API's parts, mounted in order
     */
    public ApiServer(Replies replies, Handler<RoutingContext> guard, List<ApiRoutes> parts) {
        this(replies, List.of(), guard, parts);
    }

    /**
     * @param replies how routes answer (and the error mapping)
     * @param unguarded parts mounted before the guard: they check their callers themselves (the web console signs its
     *     users in with a session cookie and calls the API with their tokens)
     * @param guard runs before every other route (authentication), or null for none
     * @param parts the API's parts, mounted in order
     */
    public ApiServer(Replies replies, List<ApiRoutes> unguarded, Handler<RoutingContext> guard, List<ApiRoutes> parts) {
        this(replies, unguarded, guard, parts, java.util.Set.of());
    }

    /**
     * As above; {@code names} are the host names (besides loopback names and IP addresses) that requests may name in
     * {@code Host} ({@code --public-url}).
     */
    public ApiServer(
            Replies replies,
            List<ApiRoutes> unguarded,
            Handler<RoutingContext> guard,
            List<ApiRoutes> parts,
            java.util.Set<String> names) {
        this.requests = new RequestGuard(names);
        this.replies = Objects.requireNonNull(replies, "replies");
        this.vertx = replies.vertx();
        this.unguarded = List.copyOf(unguarded);
        this.guard = guard;
        this.parts = List.copyOf(parts);
    }

    /** The router with every route (for tests and embedding). */
    public Router router() {
        final Router router = Router.router(vertx);
        router.route().handler(requests::handle); // first: Host, Origin and Content-Type (no cross-site writes)
        unguarded.forEach(p -> p.mount(router));
        if (guard != null) {
            router.route().handler(guard); // then: every route below needs a token
        }
        router.get("/healthz").handler(rc -> rc.response().end("ok"));
        NameGuard.mount(router);
        RouteRules.mount(router); // roles on the route that matched; a run's token only where runs may write
        parts.forEach(p -> p.mount(router));
        router.route()
                .last()
                .handler(rc -> replies.json(
                        rc, 404, ApiError.of("no such API path: " + rc.request().path())));
        router.route().failureHandler(rc -> {
            if (rc.failure() != null) {
                replies.fail(rc, rc.failure());
            } else {
                final int status = rc.statusCode() > 0 ? rc.statusCode() : 500;
                replies.json(
                        rc,
                        status,
                        ApiError.of(
                                status == 413
                                        ? "request body: too large"
                                        : rc.request().method() + " "
                                                + rc.request().path() + " failed with " + status));
            }
        });
        return router;
    }

    /** Seconds a connection may stay idle (nothing read or written) before it is closed. */
    static final int IDLE_SECONDS = 300;

    /** Listens on {@code host:port} (0: a free port). */
    public ApiServer start(String host, int port) {
        return start(host, port, IDLE_SECONDS);
    }

    /** As above, closing connections idle for {@code idleSeconds} (tests). */
    ApiServer start(String host, int port, int idleSeconds) {
        try {
            // idle connections (nothing read or written for 5 minutes) are closed: no open-and-forget exhaustion
            server = vertx.createHttpServer(new HttpServerOptions()
                            .setHttp2ClearTextEnabled(false)
                            .setIdleTimeout(idleSeconds)
                            .setIdleTimeoutUnit(TimeUnit.SECONDS))
                    .requestHandler(router())
                    .listen(port, host)
                    .toCompletionStage()
                    .toCompletableFuture()
                    .get(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while the API started on " + host + ":" + port, e);
        } catch (Exception e) {
            throw new IllegalStateException(
                    "API cannot listen on " + host + ":" + port + ": "
                            + (e.getCause() == null ? e : e.getCause()).getMessage(),
                    e);
        }
        return this;
    }

    /** The port it listens on. */
    public int port() {
        return server.actualPort();
    }

    @Override
    public void close() {
        if (server != null) {
            try {
                server.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (Exception e) {
                // closing: the listener is gone or going either way
                LOG.debug("closing: the listener is gone or going either way", e);
            }
        }
    }
}
