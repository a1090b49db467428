package dev.slipway.serving.http;

import io.netty.channel.Channel;
import io.netty.channel.ChannelFactory;
import io.netty.channel.ServerChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.util.internal.SocketUtils;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.spi.transport.Transport;
import java.util.List;

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
 */
public final class H2c {

    private H2c() {}

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

    /** True for a gRPC call: HTTP/2 with an {@code application/grpc} content type. */
    public static boolean isGrpc(HttpServerRequest req) {
        if (req.version() != HttpVersion.HTTP_2) {
            return false;
        }
        String type = req.getHeader("content-type");
        return type != null && type.startsWith("application/grpc");
    }

    /** Vert.x's NIO transport whose server sockets accept {@link NoUpgradeChannel}s. */
    private static final class NoUpgradeTransport implements io.vertx.core.transport.Transport {
        private final Transport nio = io.vertx.core.transport.Transport.NIO.implementation();
        private final Transport implementation = new Implementation(nio);

        /** The NIO transport's behaviour with {@link NoUpgradeServerChannel}s. */
        static final class Implementation implements Transport {
            private final Transport nio;

            Implementation(Transport nio) {
                this.nio = nio;
            }

            @Override
            public io.netty.channel.IoHandlerFactory ioHandlerFactory() {
                return nio.ioHandlerFactory();
            }

            @Override
            public io.netty.channel.socket.DatagramChannel datagramChannel() {
                return nio.datagramChannel();
            }

            @Override
            public io.netty.channel.socket.DatagramChannel datagramChannel(
                    io.netty.channel.socket.InternetProtocolFamily family) {
                return nio.datagramChannel(family);
            }

            @Override
            public ChannelFactory<? extends Channel> channelFactory(boolean domainSocket) {
                return nio.channelFactory(domainSocket);
            }

            @Override
            public ChannelFactory<? extends ServerChannel> serverChannelFactory(boolean domainSocket) {
                return domainSocket ? nio.serverChannelFactory(true) : NoUpgradeServerChannel::new;
            }

            @Override
            public void configure(
                    io.vertx.core.net.NetServerOptions options,
                    boolean domainSocket,
                    io.netty.bootstrap.ServerBootstrap bootstrap) {
                nio.configure(options, domainSocket, bootstrap);
            }

            @Override
            public void configure(
                    io.vertx.core.net.ClientOptionsBase options,
                    int connectTimeout,
                    boolean domainSocket,
                    io.netty.bootstrap.Bootstrap bootstrap) {
                nio.configure(options, connectTimeout, domainSocket, bootstrap);
            }
        }

        @Override
        public String name() {
            return "nio-no-h2c-upgrade";
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

    /** A server socket whose accepted connections are {@link NoUpgradeChannel}s. */
    private static final class NoUpgradeServerChannel extends NioServerSocketChannel {
        @Override
        protected int doReadMessages(List<Object> buf) throws Exception {
            java.nio.channels.SocketChannel ch = SocketUtils.accept(javaChannel());
            if (ch == null) {
                return 0;
            }
            try {
                buf.add(new NoUpgradeChannel(this, ch));
                return 1;
            } catch (RuntimeException e) {
                ch.close();
                throw e;
            }
        }
    }

    /** A connection whose first request loses its {@code Upgrade} header before Vert.x reads it. */
    private static final class NoUpgradeChannel extends NioSocketChannel {
        NoUpgradeChannel(Channel parent, java.nio.channels.SocketChannel socket) {
            super(parent, socket);
            pipeline().addFirst(StripUpgrade.NAME, new StripUpgrade());
        }
    }
}
