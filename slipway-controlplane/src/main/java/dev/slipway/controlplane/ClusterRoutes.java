package dev.slipway.controlplane;

import dev.slipway.gitops.spec.GraphNode;
import dev.slipway.gitops.spec.PredictorSpec;
import dev.slipway.gitops.spec.SeldonDeployment;
import dev.slipway.gitops.spec.SpecException;
import dev.slipway.gitops.spec.SpecParser;
import dev.slipway.kubernetes.render.NativeRenderer;
import dev.slipway.serving.gateway.DeploymentRegistry;
import dev.slipway.serving.gateway.DeploymentRoute;
import dev.slipway.serving.gateway.ReplicaAddress;
import dev.slipway.serving.gateway.ReplicaPool;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The in-cluster gateway's routes (mode {@code native}): an informer on the route ConfigMaps of one namespace
 * ({@link NativeRenderer#ROUTE_LABEL}, written by the renderer) turns each into the gateway's route for its
 * SeldonDeployment — traffic split, shadows, graph — whose every node calls the node's {@code Service}
 * ({@link ServiceResolver}). A new, changed or deleted ConfigMap changes what is served at once, without a restart;
 * the informer re-lists every {@code resync} and reconnects by itself. A ConfigMap that does not hold a valid
 * SeldonDeployment is logged naming it and the problem, and the deployment's previous route keeps serving.
 */
public final class ClusterRoutes implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ClusterRoutes.class);

    private final KubernetesClient client;
    private final String namespace;
    private final DeploymentRegistry routes;
    private final RouteMapper mapper;
    private final ServiceResolver resolver;
    private final SpecParser parser = new SpecParser();
    /** ConfigMap name → the deployment it routes. */
    private final Map<String, String> served = new ConcurrentHashMap<>();

    private @Nullable SharedIndexInformer<ConfigMap> informer;

    /**
     * @param logAllExternally log every node's messages to the default sink (Seldon's
     *     {@value RouteMapper#LOG_MESSAGES_EXTERNALLY_ENV})
     */
    public ClusterRoutes(
            KubernetesClient client,
            String namespace,
            DeploymentRegistry routes,
            ServiceResolver resolver,
            boolean logAllExternally) {
        this.client = Objects.requireNonNull(client, "client");
        this.namespace = Objects.requireNonNull(namespace, "namespace");
        this.routes = Objects.requireNonNull(routes, "routes");
        this.resolver = Objects.requireNonNull(resolver, "resolver");
        this.mapper = new RouteMapper(routes, logAllExternally);
    }

    /**
     * Starts watching; waits up to {@code firstList} for the first list (so the gateway starts with every route), and
     * keeps retrying in the background when the API server cannot be reached yet.
     */
    public ClusterRoutes start(Duration resync, Duration firstList) {
        informer = client.configMaps()
                .inNamespace(namespace)
                .withLabel(NativeRenderer.ROUTE_LABEL, "true")
                .runnableInformer(resync.toMillis());
        informer.exceptionHandler((started, t) -> {
            LOG.warn("route ConfigMaps of namespace {}: {} (retrying)", namespace, t.toString());
            return true;
        });
        informer.addEventHandler(new ResourceEventHandler<>() {
            @Override
            public void onAdd(ConfigMap cm) {
                put(cm);
            }

            @Override
            public void onUpdate(ConfigMap old, ConfigMap cm) {
                put(cm);
            }

            @Override
            public void onDelete(ConfigMap cm, boolean finalStateUnknown) {
                remove(cm.getMetadata().getName());
            }
        });
        try {
            informer.start().toCompletableFuture().get(firstList.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            LOG.warn(
                    "route ConfigMaps of namespace {} not listed yet ({}); serving what arrives",
                    namespace,
                    e.getCause() == null ? e : e.getCause());
        }
        return this;
    }

    /** Serves the deployment {@code cm} holds (replacing its previous route). */
    void put(ConfigMap cm) {
        final String cmName = cm.getMetadata().getName();
        final String text = cm.getData() == null ? null : cm.getData().get(NativeRenderer.ROUTE_KEY);
        if (text == null) {
            LOG.warn("ConfigMap {}/{}: no key {}; ignored", namespace, cmName, NativeRenderer.ROUTE_KEY);
            return;
        }
        final SeldonDeployment d;
        try {
            d = parser.parse(text, "ConfigMap " + namespace + "/" + cmName, null)
                    .deployment()
                    .inNamespace(namespace);
        } catch (SpecException | IllegalArgumentException e) {
            LOG.warn(
                    "ConfigMap {}/{} ignored, the previous route keeps serving: {}", namespace, cmName, e.getMessage());
            return;
        }
        final DeploymentRoute route = mapper.route(d);
        for (final PredictorSpec p : d.predictors()) {
            for (final GraphNode n : p.graph().flatten()) {
                final ReplicaAddress address = resolver.resolve(
                        namespace, NativeRenderer.serviceName(d.name(), p.name(), n.name()), NativeRenderer.NODE_PORT);
                final ReplicaPool pool = routes.pool(namespace, d.name(), p.name(), n.name());
                pool.endpoints().stream().filter(e -> !e.equals(address)).forEach(e -> pool.remove(e.id()));
                if (!pool.endpoints().contains(address)) {
                    pool.add(address);
                }
            }
        }
        routes.put(route);
        final String before = served.put(cmName, d.name());
        if (before != null && !before.equals(d.name())) {
            drop(before);
        }
        LOG.info("serving /seldon/{}/{}/ from ConfigMap {}", namespace, d.name(), cmName);
    }

    /** Stops serving what ConfigMap {@code cmName} held. */
    void remove(String cmName) {
        final String name = served.remove(cmName);
        if (name != null) {
            drop(name);
            LOG.info("stopped serving /seldon/{}/{}/ (ConfigMap {} deleted)", namespace, name, cmName);
        }
    }

    private void drop(String name) {
        routes.remove(namespace, name);
        routes.dropPools(namespace, name);
    }

    @Override
    public void close() {
        if (informer != null) {
            informer.close();
        }
    }
}
