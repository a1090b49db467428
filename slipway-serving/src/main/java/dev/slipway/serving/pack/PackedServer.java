package dev.slipway.serving.pack;

import com.fasterxml.jackson.databind.JsonNode;
import dev.slipway.model.ModelException;
import dev.slipway.protocol.json.Json;
import dev.slipway.serving.ServingConfig;
import dev.slipway.serving.handler.DataPlane;
import dev.slipway.serving.http.H2c;
import dev.slipway.serving.http.HttpTransport;
import dev.slipway.serving.http.Listeners;
import dev.slipway.serving.http.Routes;
import dev.slipway.serving.metrics.ServingMetrics;
import dev.slipway.serving.model.ModelLoader;
import dev.slipway.support.ReplicaIdentity;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A server hosting many models (built-in runtimes) in one process. Routes:
 * <ul>
 *   <li>{@code POST /v2/repository/index}, {@code POST /v2/repository/models/NAME/load} (body {@code {"parameters":
 *       {"implementation": "SKLEARN_SERVER", "uri": "/models/iris", "method": "predict_proba", …}}}; an optional
 *       {@code "name"} is the name the model answers to in its own routes and responses — its v2 model name, as a
 *       one-model server's {@code --name} — when that is not the repository name: a packed replica of the local
 *       runtime is loaded under a unique name and answers as its graph node; the replica identity variables a
 *       launcher sets — {@code SELDON_DEPLOYMENT_ID}, {@code PREDICTOR_ID}, … ({@link ReplicaIdentity}) — label its
 *       metrics as a one-model replica's), {@code POST
 *       /v2/repository/models/NAME/unload}: the Open Inference Protocol's model-repository extension;
 *   <li>{@code /v2/models/NAME/…}: that model's v2 routes, as on a one-model server;
 *   <li>{@code /models/NAME/…}: every route of a one-model server for that model (Seldon v1, health, readiness, its
 *       own metrics), which is how the gateway reaches a packed replica;
 *   <li>{@code /v2/health/live}, {@code /v2/health/ready}, {@code /health/ping}: the process.
 * </ul>
 */
public final class PackedServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(PackedServer.class);
    private static final String MODELS = "/models/";
    private static final String V2_MODELS = "/v2/models/";
    private static final String REPOSITORY = "/v2/repository/models/";

    private final Vertx vertx;
    private final PackedModels models;
    private final Listeners listeners;
    private final ServingConfig config;

    private PackedServer(Vertx vertx, PackedModels models, Listeners listeners, ServingConfig config) {
        this.vertx = vertx;
        this.models = models;
        this.listeners = listeners;
        this.config = config;
    }

    /**
     * Listens on {@code config}'s host and port, loading models from under {@code roots} only.
     */
    public static PackedServer start(ServingConfig config, ModelLoader loader, List<Path> roots) {
        return start(config, loader, roots, PackedModels.RUNTIMES);
    }

    /** As above, hosting the runtimes named in {@code runtimes}. */
    static PackedServer start(
            ServingConfig config, ModelLoader loader, List<Path> roots, java.util.Set<String> runtimes) {
        Objects.requireNonNull(config, "config");
        final Vertx vertx = H2c.vertx(new VertxOptions()
                .setEventLoopPoolSize(config.eventLoops())
                .setWorkerPoolSize(config.workers())
                .setBlockedThreadCheckInterval(10_000));
        final PackedModels models = new PackedModels(
                loader,
                new LocalModelRoots(roots),
                (model, identity) -> {
                    // each model is its own unit (model_name label): the replica it was loaded as, else the process
                    final ReplicaIdentity id =
                            identity.isEmpty() ? config.identity() : ReplicaIdentity.fromEnvironment(identity);
                    final ServingMetrics metrics = new ServingMetrics(new ReplicaIdentity(
                            id.namespace(),
                            id.deployment(),
                            id.predictor(),
                            id.predictorVersion(),
                            model.name(),
                            identity.isEmpty() || id.image().isEmpty() ? model.implementation() : id.image(),
                            id.replica()));
                    return new HttpTransport(
                            vertx,
                            Routes.of(new DataPlane(model, metrics), metrics, "0.1.0"),
                            metrics,
                            config.maxRequestBytes(),
                            config.requestTimeout().toMillis(),
                            config.modelOnEventLoop());
                },
                config.shutdownGrace(),
                runtimes);
        final PackedServer[] self = new PackedServer[1];
        try {
            final Listeners listeners =
                    Listeners.bind(vertx, Listeners.options(config.host(), config.port()), req -> self[0].handle(req));
            self[0] = new PackedServer(vertx, models, listeners, config);
            return self[0];
        } catch (RuntimeException e) {
            vertx.close();
            throw new IllegalStateException("could not listen on " + config.host() + ":" + config.port(), e);
        }
    }

    /** Also serves on a Unix domain socket (native transport only; false on NIO). */
    public boolean listenOnSocket(Path path) {
        return listeners.listenOnSocket(path);
    }

    /** The options of every listener of this server (its port and its socket). */
    HttpServerOptions listenerOptions() {
        return listeners.options();
    }

    /** The bound port. */
    public int port() {
        return listeners.server().actualPort();
    }

    private void handle(HttpServerRequest req) {
        final String path = req.path();
        if (path.startsWith(MODELS)) {
            final int slash = path.indexOf('/', MODELS.length());
            final String name = slash < 0 ? path.substring(MODELS.length()) : path.substring(MODELS.length(), slash);
            serve(req, name, slash < 0 ? "/" : path.substring(slash));
        } else if (path.startsWith(V2_MODELS)) {
            final int slash = path.indexOf('/', V2_MODELS.length());
            serve(
                    req,
                    slash < 0 ? path.substring(V2_MODELS.length()) : path.substring(V2_MODELS.length(), slash),
                    path);
        } else if (path.startsWith(REPOSITORY) && req.method() == HttpMethod.POST) {
            final String rest = path.substring(REPOSITORY.length());
            final int slash = rest.indexOf('/');
            final String action = slash < 0 ? "" : rest.substring(slash + 1);
            final String name = slash < 0 ? rest : rest.substring(0, slash);
            if (action.equals("load") || action.equals("unload")) {
                req.body().onSuccess(body -> repository(req, name, action, body));
            } else {
                reply(req, 404, error("no such repository action: " + action));
            }
        } else if (path.equals("/v2/repository/index") && req.method() == HttpMethod.POST) {
            reply(
                    req,
                    200,
                    Json.write(models.index().stream()
                            .map(s -> {
                                final Map<String, Object> row = new LinkedHashMap<>();
                                row.put("name", s.name());
                                row.put("state", s.state().name());
                                row.put("reason", s.reason());
                                return row;
                            })
                            .toList()));
        } else if (path.equals("/v2/health/live") || path.equals("/v2/health/ready") || path.equals("/health/ping")) {
            reply(req, 200, Json.write(Map.of("live", true)));
        } else {
            reply(req, 404, error("no such path: " + req.method() + " " + path));
        }
    }

    /** Hands {@code req} to model {@code name}'s own routes as {@code path}, counting it until it is answered. */
    private void serve(HttpServerRequest req, String name, String path) {
        for (int i = 0; i < 3; i++) {
            final PackedModels.Hosted h = models.get(name);
            if (h == null) {
                break;
            }
            h.active.incrementAndGet();
            if (models.get(name) != h) { // replaced or unloaded meanwhile: never run on a retired model
                h.active.decrementAndGet();
                continue;
            }
            // the transport owns the response's end and close handlers; the body-end one is free (a request whose
            // connection drops before its answer is not counted down: retiring its model then waits out the grace)
            final AtomicBoolean done = new AtomicBoolean();
            req.response().bodyEndHandler(v -> {
                if (done.compareAndSet(false, true)) {
                    h.active.decrementAndGet();
                }
            });
            h.transport.handle(req, path);
            return;
        }
        reply(req, 404, error("model '" + name + "' is not loaded here"));
    }

    private void repository(HttpServerRequest req, String name, String action, Buffer body) {
        vertx.<byte[]>executeBlocking(
                        () -> {
                            if (action.equals("unload")) {
                                if (!models.unload(name)) {
                                    throw new NoSuchModel(name);
                                }
                                return Json.write(Map.of());
                            }
                            final JsonNode parameters = body.length() == 0
                                    ? null
                                    : Json.MAPPER.readTree(body.getBytes()).path("parameters");
                            if (parameters == null || !parameters.isObject()) {
                                throw new IllegalArgumentException(
                                        "parameters: an object with implementation and uri is required");
                            }
                            final Map<String, String> rest = new LinkedHashMap<>();
                            parameters
                                    .fields()
                                    .forEachRemaining(f ->
                                            rest.put(f.getKey(), f.getValue().asText()));
                            final String implementation = rest.remove("implementation");
                            final String uri = rest.remove("uri");
                            if (implementation == null || uri == null) {
                                throw new IllegalArgumentException(
                                        "parameters.implementation and parameters.uri are required");
                            }
                            final String served = rest.remove("name");
                            // the variables a launcher passes a replica (SELDON_DEPLOYMENT_ID, …): its metrics' labels
                            final Map<String, String> identity = new LinkedHashMap<>();
                            for (final String key :
                                    ReplicaIdentity.unknown().environment().keySet()) {
                                final String value = rest.remove(key);
                                if (value != null) {
                                    identity.put(key, value);
                                }
                            }
                            models.load(name, served == null ? name : served, implementation, uri, rest, identity);
                            return Json.write(Map.of());
                        },
                        false)
                .onComplete(done -> {
                    if (done.succeeded()) {
                        reply(req, 200, done.result());
                    } else {
                        final Throwable e = done.cause();
                        final int status = e instanceof NoSuchModel
                                ? 404
                                : e instanceof IllegalArgumentException
                                                || e instanceof com.fasterxml.jackson.core.JsonProcessingException
                                        ? 400
                                        : e instanceof ModelException ? 422 : 500;
                        reply(req, status, error(e.getMessage() == null ? e.toString() : e.getMessage()));
                    }
                });
    }

    private static byte[] error(String message) {
        return Json.write(Map.of("error", message));
    }

    private static void reply(HttpServerRequest req, int status, byte[] body) {
        if (!req.response().ended()) {
            req.response()
                    .setStatusCode(status)
                    .putHeader("Content-Type", "application/json")
                    .end(Buffer.buffer(body));
        }
    }

    /** An unload of a model this server does not know (404). */
    private static final class NoSuchModel extends RuntimeException {
        NoSuchModel(String name) {
            super("model '" + name + "' is not loaded here", null, false, false);
        }
    }

    @Override
    public void close() {
        try {
            listeners.closeSocket(config.shutdownGrace());
            listeners
                    .server()
                    .shutdown(config.shutdownGrace().toMillis(), TimeUnit.MILLISECONDS)
                    .toCompletionStage()
                    .toCompletableFuture()
                    .get(config.shutdownGrace().toMillis() + 5000, TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            LOG.debug("the packed server is going away regardless", e);
        } finally {
            models.close();
            vertx.close();
        }
    }
}
