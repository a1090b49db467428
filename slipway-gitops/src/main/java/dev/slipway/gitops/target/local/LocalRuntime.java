package dev.slipway.gitops.target.local;

import dev.slipway.gitops.spec.Manifest;
import dev.slipway.gitops.target.DeploymentStatus;
import dev.slipway.gitops.target.RuntimeListener;
import dev.slipway.gitops.target.RuntimeTarget;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The {@code local} runtime target: every graph node of every predictor runs as model-server child processes,
 * one per replica, on free loopback ports, supervised (restart with backoff) and replaced one at a time on
 * update — or, for nodes that are packed ({@link PackConfig}, {@link PackPolicy}), as models of a bounded group of
 * shared server processes ({@link PackHosts}). Changes to one deployment are applied in order; different deployments change independently.
 */
public final class LocalRuntime implements RuntimeTarget {

    private final LocalContext ctx;
    private final LocalPlanner planner;
    private final Map<String, LocalDeployment> deployments = new ConcurrentHashMap<>();
    private final Map<String, ExecutorService> lanes = new ConcurrentHashMap<>();
    private volatile boolean closed;

    public LocalRuntime(LocalRuntimeConfig config, RuntimeListener listener) {
        final ScheduledExecutorService scheduler = Executors.newScheduledThreadPool(4, r -> {
            final Thread t = new Thread(r, "slipway-supervisor");
            t.setDaemon(true);
            return t;
        });
        final HttpClient http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(1))
                .build();
        final Set<SupervisedReplica> live = ConcurrentHashMap.newKeySet();
        // the shared processes of packed replicas report to their models, not to the listener (see PackHost)
        final LocalContext base = new LocalContext(config, listener, scheduler, http, live, null);
        this.ctx = new LocalContext(
                config,
                listener,
                scheduler,
                http,
                live,
                new PackHosts(config.pack().processes(), i -> new PackHost(base, i)));
        this.planner = new LocalPlanner(config.images() != null);
    }

    @Override
    public String name() {
        return "local";
    }

    @Override
    public void check(Manifest manifest, String namespace) {
        planner.plan(manifest);
    }

    /**
     * What {@link #check} does for a runtime with an artifact store, without a runtime: fails with the field path of
     * what cannot run locally.
     */
    public static void checkManifest(Manifest manifest) {
        new LocalPlanner(true).plan(manifest);
    }

    @Override
    public CompletableFuture<DeploymentStatus> apply(Manifest manifest, String namespace) {
        final List<NodePlan> plans = planner.plan(manifest);
        final String name = manifest.deployment().name();
        final String key = namespace + "/" + name;
        return CompletableFuture.supplyAsync(
                () -> {
                    final LocalDeployment d =
                            deployments.computeIfAbsent(key, k -> new LocalDeployment(ctx, namespace, name));
                    d.apply(manifest, plans);
                    return d.status();
                },
                lane(key));
    }

    @Override
    public CompletableFuture<Boolean> delete(String namespace, String name) {
        final String key = namespace + "/" + name;
        return CompletableFuture.supplyAsync(
                () -> {
                    final LocalDeployment d = deployments.get(key);
                    if (d == null) {
                        return false;
                    }
                    d.delete();
                    deployments.remove(key);
                    return true;
                },
                lane(key));
    }

    @Override
    public Optional<DeploymentStatus> status(String namespace, String name) {
        return Optional.ofNullable(deployments.get(namespace + "/" + name)).map(LocalDeployment::status);
    }

    @Override
    public List<DeploymentStatus> list() {
        final List<DeploymentStatus> all = new ArrayList<>();
        deployments.values().forEach(d -> all.add(d.status()));
        all.sort(Comparator.comparing(DeploymentStatus::namespace).thenComparing(DeploymentStatus::name));
        return all;
    }

    private ExecutorService lane(String key) {
        if (closed) {
            throw new IllegalStateException("the local runtime is closed");
        }
        return lanes.computeIfAbsent(
                key,
                k -> Executors.newSingleThreadExecutor(r -> {
                    final Thread t = new Thread(r, "slipway-apply-" + k);
                    t.setDaemon(true);
                    return t;
                }));
    }

    /** Stops every replica (SIGTERM, then SIGKILL after the grace period) and the supervisor's threads. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        lanes.values().forEach(ExecutorService::shutdownNow);
        deployments.values().parallelStream().forEach(LocalDeployment::stopNow);
        deployments.clear();
        // replicas still starting inside an interrupted rollout are not in any deployment yet
        List.copyOf(ctx.live()).parallelStream().forEach(r -> r.stop(false));
        ctx.config().command().stopHelpers();
        lanes.values().forEach(lane -> {
            try {
                lane.awaitTermination(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        ctx.scheduler().shutdownNow();
        try {
            ctx.scheduler().awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
