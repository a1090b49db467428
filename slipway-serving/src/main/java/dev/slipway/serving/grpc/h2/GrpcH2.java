package dev.slipway.serving.grpc.h2;

import dev.slipway.serving.grpc.Unary;
import dev.slipway.serving.http.H2c;
import io.netty.channel.ChannelHandler;
import io.netty.handler.codec.http2.Http2Settings;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.impl.HttpUtils;
import io.vertx.core.internal.VertxInternal;

/**
 * gRPC's own HTTP/2 path on a Vert.x server's port: unary calls over cleartext HTTP/2 with prior knowledge are served
 * by a lean connection handler ({@link Connection}) on Netty's frame reader, instead of Vert.x's HTTP/2 server (whose
 * stream, header and flow-control layers cost more than the model itself for small predictions).
 *
 * <p>Each such connection first meets a {@link Sniffer}: it answers the preface with the very SETTINGS Vert.x would
 * send, waits for the first request's headers, and keeps the connection when that request is gRPC
 * ({@code application/grpc}); anything else (REST or gRPC-Web over HTTP/2) goes on to Vert.x's handlers, as before.
 * gRPC-Web over HTTP/1.1 (the gateway's calls to its replicas) never comes here. The calls themselves run through the
 * same {@link Unary} as on Vert.x's server: the same methods, limits, errors and metrics.
 */
public record GrpcH2(VertxInternal vertx, Unary unary, Http2Settings settings, long idleSeconds)
        implements H2c.PriorKnowledge {

    /**
     * Serves the gRPC calls of HTTP/2 connections with prior knowledge on {@code port} (a server of {@code vertx}
     * listening with {@code options}) through {@code unary}, until the result is closed. The server's record: its
     * Vertx, its calls, the SETTINGS it sends (those Vert.x's HTTP/2 server sends on the same port) and its idle
     * timeout in seconds (a connection with no frame in or out for that long is closed; 0: never).
     */
    public static AutoCloseable serve(Vertx vertx, HttpServerOptions options, int port, Unary unary) {
        if (!(vertx instanceof VertxInternal internal)) {
            return () -> {};
        }
        final Http2Settings settings = new Http2Settings();
        HttpUtils.fromVertxInitialSettings(true, options.getInitialSettings(), settings);
        final long idle = options.getIdleTimeoutUnit().toSeconds(options.getIdleTimeout());
        return H2c.takeOver(vertx, port, new GrpcH2(internal, unary, settings, idle));
    }

    @Override
    public ChannelHandler connection() {
        return new Sniffer(this);
    }
}
