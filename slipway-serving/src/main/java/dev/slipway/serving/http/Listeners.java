package dev.slipway.serving.http;

import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.net.SocketAddress;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How a model server listens: the one set of HTTP server limits (idle timeout, request line and header sizes) for
 * its port, and its optional Unix domain socket with the very same limits. The one-model server and the packed
 * server both listen through this class.
 */
public final class Listeners {

    private static final Logger LOG = LoggerFactory.getLogger(Listeners.class);

    /** A connection that sends and receives nothing for this long is closed (no open-and-forget exhaustion). */
    public static final int IDLE_TIMEOUT_SECONDS = 120;

    /** The longest request line (method, path with query, version). */
    public static final int MAX_INITIAL_LINE = 16 * 1024;

    /** The most bytes of headers a request may send. */
    public static final int MAX_HEADER_SIZE = 64 * 1024;

    private final Vertx vertx;
    private final HttpServerOptions options;
    private final Handler<HttpServerRequest> handler;
    private final HttpServer server;
    private @Nullable HttpServer socketServer;
    private @Nullable Path socket;

    private Listeners(Vertx vertx, HttpServerOptions options, Handler<HttpServerRequest> handler) {
        this.vertx = vertx;
        this.options = options;
        this.handler = handler;
        this.server = bindPort(options.getPort());
    }

    /** A model server's HTTP options for {@code host:port}: the limits above, no compression, no Nagle delay. */
    public static HttpServerOptions options(String host, int port) {
        return new HttpServerOptions()
                .setHost(host)
                .setPort(port)
                .setTcpNoDelay(true)
                .setReuseAddress(true)
                .setCompressionSupported(false)
                .setIdleTimeout(IDLE_TIMEOUT_SECONDS)
                .setIdleTimeoutUnit(TimeUnit.SECONDS)
                .setMaxInitialLineLength(MAX_INITIAL_LINE)
                .setMaxHeaderSize(MAX_HEADER_SIZE);
    }

    /**
     * Listens on the port of {@code options} (0: any free one) with {@code handler}; returns once bound. The result
     * can add a Unix domain socket with the same options ({@link #listenOnSocket}).
     */
    public static Listeners bind(Vertx vertx, HttpServerOptions options, Handler<HttpServerRequest> handler) {
        return new Listeners(vertx, new HttpServerOptions(options), handler);
    }

    /** The server on the port of the options. */
    public HttpServer server() {
        return server;
    }

    /** Another TCP port (e.g. a second one for gRPC) with the same options and handler; returns once bound. */
    public HttpServer bindPort(int port) {
        return vertx.createHttpServer(new HttpServerOptions(options).setPort(port))
                .requestHandler(handler)
                .listen()
                .toCompletionStage()
                .toCompletableFuture()
                .join();
    }

    /**
     * Also serves on a Unix domain socket at {@code path} (a stale file there is replaced): the same handler and
     * limits as the port, without the loopback TCP stack — what a gateway on this machine prefers. Needs the native
     * transport ({@link Transports}); on NIO, or when a socket is already bound, nothing is bound and the answer is
     * false.
     */
    public synchronized boolean listenOnSocket(Path path) {
        Objects.requireNonNull(path, "path");
        if (!Transports.isNative() || socketServer != null) {
            return false;
        }
        try {
            Files.deleteIfExists(path);
        } catch (IOException e) {
            LOG.warn("cannot replace {}: no socket", path, e);
            return false;
        }
        socketServer = vertx.createHttpServer(
                        new HttpServerOptions(options).setHost(null).setPort(0))
                .requestHandler(handler)
                .listen(SocketAddress.domainSocketAddress(path.toString()))
                .toCompletionStage()
                .toCompletableFuture()
                .join();
        socket = path;
        return true;
    }

    /** The Unix domain socket these listeners serve on, or null. */
    public synchronized @Nullable Path socket() {
        return socket;
    }

    /** A copy of the options every listener of this server gets. */
    public HttpServerOptions options() {
        return new HttpServerOptions(options);
    }

    /** Stops the socket's listener (in-flight requests finish within {@code grace}) and removes its file. */
    public synchronized void closeSocket(Duration grace) {
        final HttpServer s = socketServer;
        final Path p = socket;
        if (s == null || p == null) {
            return;
        }
        socketServer = null;
        try {
            s.shutdown(grace.toMillis(), TimeUnit.MILLISECONDS)
                    .toCompletionStage()
                    .toCompletableFuture()
                    .get(grace.toMillis() + 5000, TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            LOG.debug("the socket {} is going away regardless", p, e);
        }
        try {
            Files.deleteIfExists(p);
        } catch (IOException e) {
            LOG.warn("cannot remove the socket file {}", p, e);
        }
    }
}
