package dev.slipway.serving.http;

import io.netty.channel.Channel;
import io.netty.channel.ChannelFactory;
import io.netty.channel.ServerChannel;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.spi.transport.Transport;

/**
 * Cleartext HTTP/2 for gRPC on the REST port, without the HTTP/1.1 {@code Upgrade: h2c} path.
 *
 * <p>gRPC clients open cleartext HTTP/2 "with prior knowledge" (the connection starts with the HTTP/2
 * preface), which Vert.x accepts only with {@code http2ClearTextEnabled} — an option that also installs the
 * h2c upgrade handler on every HTTP/1.1 connection. The JDK's HttpClient asks for that upgrade on each new
 * connection by default, and hung on larger answers once upgraded. Vert.x offers no switch for the upgrade
 * alone (and only looks at a connection's first request), so a Vertx made by {@link #vertx} renames the
 * {@code Upgrade} header of each connection's first request before Vert.x sees it ({@link StripUpgrade}):
 * prior knowledge still works, an upgrade request is answered as plain HTTP/1.1.
 *
 * <p>A port can also hand its prior-knowledge connections to a handler of its own ({@link #takeOver}): the gRPC
 * servers use that for a lean HTTP/2 path ({@code dev.slipway.serving.grpc.h2}).
 */
public final class H2c {

    private H2c() {}

    /** Makes the handler of one HTTP/2 connection with prior knowledge, accepted on a port taken over. */
    @FunctionalInterface
    public interface PriorKnowledge {
        /**
         * A handler put right after the first one of a connection whose first bytes are the HTTP/2 preface; it then
         * receives every byte from the preface on, and decides whether to keep the connection or to pass it on to
         * Vert.x's handlers behind it.
         */
        io.netty.channel.ChannelHandler connection();
    }

    /**
     * Hands the HTTP/2 connections with prior knowledge that servers of {@code vertx} accept on {@code port} to
     * {@code handler}, until the result is closed; on a Vertx not made by {@link #vertx} (no HTTP/2 on its servers)
     * nothing changes.
     */
    public static AutoCloseable takeOver(Vertx vertx, int port, PriorKnowledge handler) {
        if (vertx instanceof io.vertx.core.internal.VertxInternal internal
                && internal.transport() instanceof NoUpgradeTransport.Implementation implementation) {
            implementation.ports.put(port, handler);
            return () -> implementation.ports.remove(port, handler);
        }
        return () -> {};
    }

    /** A Vertx whose servers never upgrade HTTP/1.1 to h2c (prior-knowledge HTTP/2 is unaffected). */
    public static Vertx vertx(VertxOptions options) {
        return Vertx.builder()
                .with(options)
                .withTransport(new NoUpgradeTransport())
                .build();
    }

    /**
     * {@code options} with cleartext HTTP/2 on when {@code vertx} came from {@link #vertx} (prior knowledge
     * only); on any other Vertx HTTP/2 stays off, since the upgrade path would come with it.
     */
    public static HttpServerOptions priorKnowledge(Vertx vertx, HttpServerOptions options) {
        return options.setHttp2ClearTextEnabled(upgradeSafe(vertx));
    }

    /** True when servers of {@code vertx} never upgrade to h2c (it came from {@link #vertx}). */
    public static boolean upgradeSafe(Vertx vertx) {
        return vertx instanceof io.vertx.core.internal.VertxInternal internal
                && internal.transport() instanceof NoUpgradeTransport.Implementation;
    }

    /**
     * The transport {@link Transports#chosen()} (native epoll or NIO) whose server sockets hand each accepted
     * connection a {@link StripUpgrade} as its first handler.
     */
    private static final class NoUpgradeTransport implements io.vertx.core.transport.Transport {
        private final io.vertx.core.transport.Transport base = Transports.chosen();
        private final Transport implementation = new Implementation(base.implementation());

        /** The chosen transport's behaviour, with {@link StripFirstRequest} on every server socket. */
        static final class Implementation implements Transport {
            private final Transport base;
            private final java.util.Map<Integer, PriorKnowledge> ports = new java.util.concurrent.ConcurrentHashMap<>();
            private final StripFirstRequest strip = new StripFirstRequest(ports);

            Implementation(Transport base) {
                this.base = base;
            }

            @Override
            public boolean supportsDomainSockets() {
                return base.supportsDomainSockets();
            }

            @Override
            public boolean supportFileRegion() {
                return base.supportFileRegion();
            }

            @Override
            public java.net.SocketAddress convert(io.vertx.core.net.SocketAddress address) {
                return base.convert(address);
            }

            @Override
            public io.vertx.core.net.SocketAddress convert(java.net.SocketAddress address) {
                return base.convert(address);
            }

            @Override
            public io.netty.channel.IoHandlerFactory ioHandlerFactory() {
                return base.ioHandlerFactory();
            }

            @Override
            public io.netty.channel.EventLoopGroup eventLoopGroup(
                    int type, int threads, java.util.concurrent.ThreadFactory factory, int ioRatio) {
                return base.eventLoopGroup(type, threads, factory, ioRatio);
            }

            @Override
            public io.netty.channel.socket.DatagramChannel datagramChannel() {
                return base.datagramChannel();
            }

            @Override
            public io.netty.channel.socket.DatagramChannel datagramChannel(
                    io.netty.channel.socket.InternetProtocolFamily family) {
                return base.datagramChannel(family);
            }

            @Override
            public ChannelFactory<? extends Channel> channelFactory(boolean domainSocket) {
                return base.channelFactory(domainSocket);
            }

            @Override
            public ChannelFactory<? extends ServerChannel> serverChannelFactory(boolean domainSocket) {
                final ChannelFactory<? extends ServerChannel> factory = base.serverChannelFactory(domainSocket);
                return () -> {
                    final ServerChannel channel = factory.newChannel();
                    channel.pipeline().addFirst(strip);
                    return channel;
                };
            }

            @Override
            public void configure(
                    io.netty.channel.socket.DatagramChannel channel,
                    io.vertx.core.datagram.DatagramSocketOptions options) {
                base.configure(channel, options);
            }

            @Override
            public void configure(
                    io.vertx.core.net.NetServerOptions options,
                    boolean domainSocket,
                    io.netty.bootstrap.ServerBootstrap bootstrap) {
                base.configure(options, domainSocket, bootstrap);
            }

            @Override
            public void configure(
                    io.vertx.core.net.ClientOptionsBase options,
                    int connectTimeout,
                    boolean domainSocket,
                    io.netty.bootstrap.Bootstrap bootstrap) {
                base.configure(options, connectTimeout, domainSocket, bootstrap);
            }
        }

        @Override
        public String name() {
            return base.name() + "-no-h2c-upgrade";
        }

        @Override
        public boolean available() {
            return true;
        }

        @Override
        public Throwable unavailabilityCause() {
            return null;
        }

        @Override
        public Transport implementation() {
            return implementation;
        }
    }

    /**
     * On a server socket, before Vert.x's acceptor: gives each accepted connection a {@link StripUpgrade} as its
     * first handler (the same for NIO, epoll and domain sockets), with the handler of HTTP/2 connections when its port
     * was taken over.
     */
    @io.netty.channel.ChannelHandler.Sharable
    private static final class StripFirstRequest extends io.netty.channel.ChannelInboundHandlerAdapter {
        private final java.util.Map<Integer, PriorKnowledge> ports;

        StripFirstRequest(java.util.Map<Integer, PriorKnowledge> ports) {
            this.ports = ports;
        }

        @Override
        public void channelRead(io.netty.channel.ChannelHandlerContext ctx, Object msg) {
            if (msg instanceof Channel child) {
                final PriorKnowledge taken = child.localAddress() instanceof java.net.InetSocketAddress local
                        ? ports.get(local.getPort())
                        : null;
                child.pipeline().addFirst(StripUpgrade.NAME, new StripUpgrade(taken));
            }
            ctx.fireChannelRead(msg);
        }
    }
}
