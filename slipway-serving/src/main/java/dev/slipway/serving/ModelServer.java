package dev.slipway.serving;

import dev.slipway.serving.grpc.ModelGrpc;
import dev.slipway.serving.grpc.Unary;
import dev.slipway.serving.grpc.h2.GrpcH2;
import dev.slipway.serving.handler.DataPlane;
import dev.slipway.serving.http.H2c;
import dev.slipway.serving.http.HttpTransport;
import dev.slipway.serving.http.Listeners;
import dev.slipway.serving.http.Routes;
import dev.slipway.serving.metrics.ServingMetrics;
import dev.slipway.serving.model.LoadedModel;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import java.nio.file.Path;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running model server: one loaded model behind the HTTP transport. Wiring only; {@link #close()}
 * stops accepting connections, lets in-flight requests finish within the grace period, then closes the
 * model.
 */
public final class ModelServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ModelServer.class);

    /** The version this server reports. */
    /** This distribution's version (the Maven project version), as v2 server metadata reports it. */
    public static final String VERSION = version();

    private final Vertx vertx;
    private final Listeners listeners;
    private final HttpServer server;
    private final HttpServer grpcServer;
    private final LoadedModel model;
    private final ServingConfig config;
    private volatile boolean closed;

    private ModelServer(
            Vertx vertx, Listeners listeners, HttpServer grpcServer, LoadedModel model, ServingConfig config) {
        this.vertx = vertx;
        this.listeners = listeners;
        this.server = listeners.server();
        this.grpcServer = grpcServer;
        this.model = model;
        this.config = config;
    }

    /** Starts serving {@code model}; returns once the port is bound. */
    public static ModelServer start(ServingConfig config, LoadedModel model) {
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(model, "model");
        Vertx vertx = H2c.vertx(new VertxOptions()
                .setEventLoopPoolSize(config.eventLoops())
                .setWorkerPoolSize(config.workers())
                .setMaxWorkerExecuteTime(Math.max(config.requestTimeout().toNanos() * 2, 60_000_000_000L))
                .setMaxWorkerExecuteTimeUnit(TimeUnit.NANOSECONDS)
                .setBlockedThreadCheckInterval(10_000));
        try {
            ServingMetrics metrics = new ServingMetrics(config.identity().withUnitIfUnknown(model.name()));
            DataPlane plane = new DataPlane(model, metrics);
            HttpTransport transport = new HttpTransport(
                    vertx,
                    Routes.of(plane, metrics, VERSION),
                    metrics,
                    config.maxRequestBytes(),
                    config.requestTimeout().toMillis(),
                    config.modelOnEventLoop());
            Unary grpc = ModelGrpc.server(
                    vertx,
                    plane,
                    metrics,
                    config.maxRequestBytes(),
                    config.requestTimeout().toMillis(),
                    config.modelOnEventLoop(),
                    VERSION);
            Handler<HttpServerRequest> both = req -> {
                if (Unary.accepts(req)) {
                    grpc.handle(req);
                } else {
                    transport.handle(req);
                }
            };
            // REST (HTTP/1.1) and gRPC (HTTP/2 with prior knowledge) on one port; no h2c upgrade (see H2c); gRPC
            // clients' HTTP/2 connections are served by the lean path (GrpcH2)
            HttpServerOptions options = H2c.priorKnowledge(vertx, Listeners.options(config.host(), config.port()));
            Listeners listeners = Listeners.bind(vertx, options, both);
            GrpcH2.serve(vertx, options, listeners.server().actualPort(), grpc);
            HttpServer grpcServer = null;
            if (config.grpcPort() >= 0 && !(config.grpcPort() == config.port() && config.port() != 0)) {
                grpcServer = listeners.bindPort(config.grpcPort());
                GrpcH2.serve(vertx, options, grpcServer.actualPort(), grpc);
            }
            return new ModelServer(vertx, listeners, grpcServer, model, config);
        } catch (RuntimeException e) {
            vertx.close();
            throw new IllegalStateException(
                    "could not listen on " + config.host() + ":" + config.port() + ": " + rootMessage(e), e);
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getMessage() == null ? t.toString() : t.getMessage();
    }

    /**
     * Also serves on a Unix domain socket at {@code path} (a stale file there is replaced): the same routes as the
     * port, without the loopback TCP stack — what a gateway on this machine prefers. Needs the native transport
     * ({@link dev.slipway.serving.http.Transports}); on NIO nothing is bound and the answer is false.
     */
    public boolean listenOnSocket(Path path) {
        return listeners.listenOnSocket(path);
    }

    /** The Unix domain socket this server also listens on, or null. */
    public Path socket() {
        return listeners.socket();
    }

    /** The bound port. */
    public int port() {
        return server.actualPort();
    }

    /**
     * The port of the separate gRPC listener ({@code --grpc-port}), or the REST port when there is none: both
     * serve REST and gRPC.
     */
    public int grpcPort() {
        return grpcServer == null ? port() : grpcServer.actualPort();
    }

    /** The base URL, e.g. {@code http://127.0.0.1:9000}. */
    public String url() {
        String host = config.host().contains(":") ? "[" + config.host() + "]" : config.host();
        return "http://" + host + ":" + port();
    }

    /** The served model. */
    public LoadedModel model() {
        return model;
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            listeners.closeSocket(config.shutdownGrace());
            if (grpcServer != null) {
                grpcServer
                        .shutdown(config.shutdownGrace().toMillis(), TimeUnit.MILLISECONDS)
                        .toCompletionStage()
                        .toCompletableFuture()
                        .join();
            }
            server.shutdown(config.shutdownGrace().toMillis(), TimeUnit.MILLISECONDS)
                    .toCompletionStage()
                    .toCompletableFuture()
                    .join();
        } catch (RuntimeException e) {
            // the server is going away regardless
            LOG.debug("the server is going away regardless", e);
        } finally {
            try {
                vertx.close().toCompletionStage().toCompletableFuture().join();
            } catch (RuntimeException ignored) {
                // best effort
                LOG.debug("best effort", ignored);
            }
            try {
                model.close();
            } catch (Exception ignored) {
                // the model's own cleanup failing must not block shutdown
                LOG.warn("the model's cleanup failed at shutdown (shutdown goes on)", ignored);
            }
        }
    }

    private static String version() {
        final java.util.Properties p = new java.util.Properties();
        try (java.io.InputStream in = ModelServer.class.getResourceAsStream("version.properties")) {
            if (in != null) {
                p.load(in);
            }
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("version.properties of the model server cannot be read", e);
        }
        return p.getProperty("version", "unknown");
    }
}
