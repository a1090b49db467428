package dev.slipway.serving.gateway;

import dev.slipway.serving.http.BoundedBody;
import dev.slipway.serving.http.H2c;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.PoolOptions;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Seldon-compatible gateway on one port: {@code /seldon/{namespace}/{deployment}/api/v1.0/predictions},
 * {@code /feedback}, {@code /metadata}, {@code /seldon/{namespace}/{deployment}/v2/…}, the same under
 * {@code /seldon/{deployment}/…} (namespace {@code default}), its metrics at {@code /prometheus}, and gRPC
 * ({@code seldon.protos.Seldon}, {@code inference.GRPCInferenceService}; see {@link GrpcGateway}) on the same
 * port when its Vertx came from {@link H2c#vertx}.
 */
public final class Gateway implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Gateway.class);

    /** The largest request body accepted. */
    public static final long MAX_BODY_BYTES = 32L * 1024 * 1024;

    private final Vertx vertx;
    private final DeploymentRegistry routes;
    private final PrometheusMeterRegistry registry;
    private final HttpClient http;
    private final RequestLogger requestLog;
    private final HttpGateway handler;
    private final FastPath fast;
    private final dev.slipway.serving.grpc.Unary grpc;
    private final List<HttpServer> servers = java.util.Collections.synchronizedList(new ArrayList<>());
    private AutoCloseable grpcH2 = () -> {};
    private String deploymentId;
    private int port;

    public Gateway(Vertx vertx, DeploymentRegistry routes, PrometheusMeterRegistry registry) {
        this(vertx, routes, registry, RequestLogSinks.none());
    }

    /**
     * A gateway whose nodes' request logs go to {@code requestLogUrl} unless their logger names a sink (null:
     * none by default).
     */
    public Gateway(Vertx vertx, DeploymentRegistry routes, PrometheusMeterRegistry registry, String requestLogUrl) {
        this(vertx, routes, registry, new RequestLogSinks(requestLogUrl, null));
    }

    /** A gateway whose logged nodes' events go where {@code sinks} says (docs/request-logging.md). */
    public Gateway(Vertx vertx, DeploymentRegistry routes, PrometheusMeterRegistry registry, RequestLogSinks sinks) {
        this.vertx = Objects.requireNonNull(vertx, "vertx");
        this.routes = Objects.requireNonNull(routes, "routes");
        this.registry = Objects.requireNonNull(registry, "registry");
        this.http = vertx.createHttpClient(
                new HttpClientOptions().setKeepAlive(true).setTcpNoDelay(true).setMaxInitialLineLength(8192),
                new PoolOptions().setHttp1MaxSize(64).setMaxWaitQueueSize(10_000));
        final GatewayMetrics metrics = new GatewayMetrics(registry);
        final ComponentClient client = new ComponentClient(http, socketsToReplicas(vertx));
        this.requestLog = new RequestLogger(vertx, registry, sinks, 10_000, 5_000);
        final GraphExecutor executor = new GraphExecutor(client, metrics, requestLog);
        final DeploymentService service = new DeploymentService(vertx, routes, executor, client);
        final BoundedBody bodies = new BoundedBody(MAX_BODY_BYTES, BoundedBody.defaultBudget(MAX_BODY_BYTES));
        this.handler = new HttpGateway(service, metrics, registry, bodies);
        this.fast = new FastPath(routes, executor, service, metrics, MAX_BODY_BYTES);
        this.grpc = GrpcGateway.server(service, metrics, MAX_BODY_BYTES);
    }

    /** The system property that turns the gateway's use of replicas' Unix domain sockets off ({@code false}). */
    public static final String SOCKETS_PROPERTY = "slipway.gateway.sockets";

    /**
     * True when requests to a local replica go through its Unix domain socket: {@code vertx} runs on a transport that
     * has them (native) and {@value #SOCKETS_PROPERTY} is not {@code false}.
     */
    static boolean socketsToReplicas(Vertx vertx) {
        return !"false".equals(System.getProperty(SOCKETS_PROPERTY))
                && vertx instanceof io.vertx.core.internal.VertxInternal internal
                && internal.transport().supportsDomainSockets();
    }

    /** Where request-log events go (per-namespace sinks can be changed while serving). */
    public RequestLogSinks requestLogSinks() {
        return requestLog.sinks();
    }

    public DeploymentRegistry routes() {
        return routes;
    }

    /**
     * Listens on {@code host:port} ({@code 0}: a free port) with one server per event loop; returns the port.
     */
    public int start(String host, int requestedPort, int instances) {
        final int count = Math.max(1, instances);
        final List<Integer> ports = java.util.Collections.synchronizedList(new ArrayList<>());
        try {
            // instances share the port and Vert.x balances connections between their event loops; for a random
            // port every instance asks for -1, Vert.x's "shared random port"
            deploymentId = vertx.deployVerticle(
                            () -> new io.vertx.core.VerticleBase() {
                                @Override
                                public io.vertx.core.Future<?> start() {
                                    // REST over HTTP/1.1 and gRPC over HTTP/2 with prior knowledge on one port, never
                                    // the h2c upgrade
                                    // (the JDK HttpClient's default upgrade hung on larger answers): see H2c
                                    final HttpServer server = vertx.createHttpServer(options());
                                    servers.add(server);
                                    return server.requestHandler(req -> {
                                                if (dev.slipway.serving.grpc.Unary.accepts(req)) {
                                                    grpc.handle(req);
                                                } else if (!fast.handle(req)) {
                                                    handler.handle(req);
                                                }
                                            })
                                            .listen(requestedPort == 0 ? -1 : requestedPort, host)
                                            .onSuccess(s -> ports.add(s.actualPort()));
                                }
                            },
                            new io.vertx.core.DeploymentOptions().setInstances(count))
                    .toCompletionStage()
                    .toCompletableFuture()
                    .get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            close();
            throw new IllegalStateException(
                    "gateway cannot listen on " + host + ":" + requestedPort + ": "
                            + (e.getCause() == null ? e : e.getCause()).getMessage(),
                    e);
        }
        if (ports.stream().distinct().count() != 1) {
            close();
            throw new IllegalStateException("gateway instances bound different ports: " + ports);
        }
        this.port = ports.get(0);
        // gRPC clients' HTTP/2 connections take the lean path (the same Unary, the same routing)
        grpcH2 = dev.slipway.serving.grpc.h2.GrpcH2.serve(vertx, options(), port, grpc);
        return port;
    }

    /** The options of the gateway's servers. */
    private HttpServerOptions options() {
        return H2c.priorKnowledge(vertx, new HttpServerOptions())
                .setTcpNoDelay(true)
                .setCompressionSupported(false)
                .setIdleTimeout(120)
                .setIdleTimeoutUnit(TimeUnit.SECONDS);
    }

    /** The port the gateway listens on (after {@link #start}). */
    public int port() {
        return port;
    }

    @Override
    public void close() {
        try {
            grpcH2.close();
        } catch (Exception e) {
            LOG.debug("closing: nothing else to do", e);
        }
        if (deploymentId != null) {
            try {
                vertx.undeploy(deploymentId)
                        .toCompletionStage()
                        .toCompletableFuture()
                        .get(10, TimeUnit.SECONDS);
            } catch (Exception e) {
                // closing: nothing else to do
                LOG.debug("closing: nothing else to do", e);
            }
            deploymentId = null;
        }
        servers.clear();
        requestLog.close();
        try {
            http.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            // closing
            LOG.debug("closing", e);
        }
    }
}
