package dev.slipway.controlplane;

import dev.slipway.serving.gateway.DeploymentRegistry;
import dev.slipway.serving.gateway.Gateway;
import dev.slipway.serving.http.H2c;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code slipway gateway --kubernetes-namespace NS}: the gateway of one environment on a cluster (mode
 * {@code native}), the same {@link Gateway} as {@code slipway up}'s — REST v1 and v2, gRPC, traffic split, shadows,
 * the graph executor — whose routes come from the namespace's route ConfigMaps ({@link ClusterRoutes}) and whose
 * nodes are the nodes' Services.
 */
public final class ClusterGateway implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ClusterGateway.class);

    private final Vertx vertx;
    private final Gateway gateway;
    private final ClusterRoutes routes;
    private final KubernetesClient client;
    private int port;

    private ClusterGateway(Vertx vertx, Gateway gateway, ClusterRoutes routes, KubernetesClient client) {
        this.vertx = vertx;
        this.gateway = gateway;
        this.routes = routes;
        this.client = client;
    }

    /**
     * Lists and watches {@code namespace}'s routes through {@code client} (closed with the gateway), then listens on
     * {@code host:port} (0: a free port).
     *
     * @param environment the process environment ({@value ControlPlane#REQUEST_LOG_URL},
     *     {@value RouteMapper#LOG_MESSAGES_EXTERNALLY_ENV})
     */
    public static ClusterGateway start(
            KubernetesClient client,
            String namespace,
            ServiceResolver resolver,
            String host,
            int port,
            int instances,
            Duration resync,
            Map<String, String> environment) {
        Objects.requireNonNull(client, "client");
        final Vertx vertx = H2c.vertx(new VertxOptions());
        final DeploymentRegistry registry = new DeploymentRegistry();
        final Gateway gateway = new Gateway(
                vertx,
                registry,
                new PrometheusMeterRegistry(PrometheusConfig.DEFAULT),
                environment.get(ControlPlane.REQUEST_LOG_URL));
        final ClusterRoutes routes = new ClusterRoutes(
                client,
                namespace,
                registry,
                resolver,
                "true".equalsIgnoreCase(environment.getOrDefault(RouteMapper.LOG_MESSAGES_EXTERNALLY_ENV, "")));
        final ClusterGateway g = new ClusterGateway(vertx, gateway, routes, client);
        try {
            routes.start(resync, Duration.ofSeconds(10));
            g.port = gateway.start(host, port, instances);
        } catch (RuntimeException e) {
            g.close();
            throw e;
        }
        return g;
    }

    /** The port it listens on. */
    public int port() {
        return port;
    }

    @Override
    public void close() {
        routes.close();
        gateway.close();
        client.close();
        try {
            vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            LOG.debug("closing the gateway's Vert.x", e);
        }
    }
}
