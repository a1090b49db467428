package dev.slipway.serving;

import dev.slipway.support.ReplicaIdentity;
import java.time.Duration;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * How a model server listens and behaves.
 *
 * @param host the address to bind (default loopback)
 * @param port the port (0: a free one)
 * @param maxRequestBytes larger request bodies are refused with 413
 * @param requestTimeout a model call that takes longer is answered with 504
 * @param shutdownGrace how long in-flight requests may take to finish at shutdown
 * @param eventLoops I/O threads
 * @param workers threads that run model calls
 * @param modelOnEventLoop run model calls on the I/O threads (only for models that take microseconds)
 * @param identity who this replica is (deployment, predictor, node, namespace, replica), for its metrics' labels
 * @param grpcPort a second port serving gRPC (and REST) as Seldon's wrapper listens on 5000; -1: none (gRPC is
 *     always served on {@code port} too); 0: a free one
 */
public record ServingConfig(
        String host,
        int port,
        long maxRequestBytes,
        Duration requestTimeout,
        Duration shutdownGrace,
        int eventLoops,
        int workers,
        boolean modelOnEventLoop,
        ReplicaIdentity identity,
        int grpcPort) {

    public ServingConfig {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(requestTimeout, "requestTimeout");
        Objects.requireNonNull(shutdownGrace, "shutdownGrace");
        Objects.requireNonNull(identity, "identity");
        if (grpcPort < -1 || grpcPort > 65535) {
            throw new IllegalArgumentException(
                    "the gRPC port must be between 0 and 65535 (or -1: none), not " + grpcPort);
        }
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be between 0 and 65535, not " + port);
        }
        if (maxRequestBytes < 1) {
            throw new IllegalArgumentException("the request size limit must be positive, not " + maxRequestBytes);
        }
        if (requestTimeout.isNegative() || requestTimeout.isZero()) {
            throw new IllegalArgumentException("the request timeout must be positive, not " + requestTimeout);
        }
        if (eventLoops < 1 || workers < 1) {
            throw new IllegalArgumentException("event loops and workers must be at least 1");
        }
    }

    /**
     * Loopback on a free port, 32 MiB bodies, 60 s timeout, 30 s grace, threads for this machine, and the identity the
     * launcher passed in the environment ({@link ReplicaIdentity#fromEnvironment}).
     */
    public static ServingConfig defaults() {
        int cores = Runtime.getRuntime().availableProcessors();
        return new ServingConfig(
                "127.0.0.1",
                0,
                32L << 20,
                Duration.ofSeconds(60),
                Duration.ofSeconds(30),
                cores,
                Math.max(4, cores * 2),
                false,
                ReplicaIdentity.fromEnvironment(System.getenv()),
                -1);
    }

    public ServingConfig withPort(int p) {
        return edit(b -> b.port = p);
    }

    public ServingConfig withHost(String h) {
        return edit(b -> b.host = h);
    }

    public ServingConfig withLimits(long maxBytes, Duration timeout) {
        return edit(b -> {
            b.maxRequestBytes = maxBytes;
            b.requestTimeout = timeout;
        });
    }

    public ServingConfig withShutdownGrace(Duration grace) {
        return edit(b -> b.shutdownGrace = grace);
    }

    /** A second listener for gRPC (and REST) on {@code p}; -1 for none. */
    public ServingConfig withGrpcPort(int p) {
        return edit(b -> b.grpcPort = p);
    }

    /** This configuration for the replica {@code id} (its metrics' labels). */
    public ServingConfig withIdentity(ReplicaIdentity id) {
        return edit(b -> b.identity = id);
    }

    public ServingConfig withThreads(int loops, int workerThreads, boolean onEventLoop) {
        return edit(b -> {
            b.eventLoops = loops;
            b.workers = workerThreads;
            b.modelOnEventLoop = onEventLoop;
        });
    }

    /** A copy with {@code change} applied (and checked again by the constructor): what every {@code with…} does. */
    private ServingConfig edit(Consumer<Copy> change) {
        final Copy b = new Copy(this);
        change.accept(b);
        return new ServingConfig(
                b.host,
                b.port,
                b.maxRequestBytes,
                b.requestTimeout,
                b.shutdownGrace,
                b.eventLoops,
                b.workers,
                b.modelOnEventLoop,
                b.identity,
                b.grpcPort);
    }

    /** The components of a configuration being copied, to change some of them. */
    private static final class Copy {
        String host;
        int port;
        long maxRequestBytes;
        Duration requestTimeout;
        Duration shutdownGrace;
        int eventLoops;
        int workers;
        boolean modelOnEventLoop;
        ReplicaIdentity identity;
        int grpcPort;

        Copy(ServingConfig c) {
            host = c.host;
            port = c.port;
            maxRequestBytes = c.maxRequestBytes;
            requestTimeout = c.requestTimeout;
            shutdownGrace = c.shutdownGrace;
            eventLoops = c.eventLoops;
            workers = c.workers;
            modelOnEventLoop = c.modelOnEventLoop;
            identity = c.identity;
            grpcPort = c.grpcPort;
        }
    }
}
