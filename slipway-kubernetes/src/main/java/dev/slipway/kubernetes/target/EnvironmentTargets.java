package dev.slipway.kubernetes.target;

import dev.slipway.gitops.env.ClusterTarget;
import dev.slipway.gitops.env.Environment;
import dev.slipway.gitops.env.Environments;
import dev.slipway.gitops.spec.Manifest;
import dev.slipway.gitops.target.DeploymentStatus;
import dev.slipway.gitops.target.EnvironmentAware;
import dev.slipway.gitops.target.Reason;
import dev.slipway.gitops.target.ReconcileFailure;
import dev.slipway.gitops.target.RuntimeTarget;
import dev.slipway.kubernetes.render.RenderMode;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The sync controller's one runtime target when environments may live on clusters: each call goes to the
 * environment's {@link KubernetesTarget} (by namespace: {@code environments.yaml} gives every environment its own)
 * or to the local runtime. A cluster that cannot be configured (no kubeconfig, unknown context) fails its own
 * environment only, naming the cause (its applications stall); other environments keep syncing. The failed one is
 * connected again on every pass that reaches it (a new commit on main, {@code slipway env sync}), so fixing the
 * kubeconfig and asking for a sync is enough. Deleting in a namespace no environment has any
 * more (an environment removed from {@code environments.yaml}, also after a restart) reconnects with the context its
 * inventory recorded, so its objects are pruned in the right namespace of the right cluster.
 */
public final class EnvironmentTargets implements RuntimeTarget, EnvironmentAware {

    private static final Logger LOG = LoggerFactory.getLogger(EnvironmentTargets.class);

    /** One configured environment: its settings and its target, or why it has none. */
    private record Slot(
            ClusterTarget cluster,
            @Nullable KubernetesTarget target,
            @Nullable String error) {}

    private final RuntimeTarget local;
    private final ClusterConnector connector;
    private final InventoryFiles inventories;
    private final Function<ClusterTarget, ManifestPublisher> publishers;
    private final Function<ClusterTarget, String> serverImages;
    private final Clock clock;
    private final Map<String, Slot> byNamespace = new ConcurrentHashMap<>();

    public EnvironmentTargets(
            RuntimeTarget local,
            ClusterConnector connector,
            Path dataDir,
            Function<ClusterTarget, ManifestPublisher> publishers,
            Function<ClusterTarget, String> serverImages,
            Clock clock) {
        this.local = local;
        this.connector = connector;
        this.inventories = new InventoryFiles(dataDir.resolve("kubernetes"));
        this.publishers = publishers;
        this.serverImages = serverImages;
        this.clock = clock;
    }

    @Override
    public synchronized void environments(Environments environments) {
        if (local instanceof EnvironmentAware aware) {
            aware.environments(environments); // e.g. the environments' request-log sinks
        }
        final Map<String, Slot> next = new ConcurrentHashMap<>();
        for (final Environment env : environments.environments()) {
            if (!env.onKubernetes()) {
                continue;
            }
            final Slot old = byNamespace.get(env.namespace());
            if (old != null && old.target() != null && old.cluster().equals(env.cluster())) {
                next.put(env.namespace(), old);
                continue;
            }
            // new or changed settings, or a cluster that could not be used last time (tried again on every pass)
            next.put(env.namespace(), open(env.cluster(), env.namespace(), old == null ? null : old.error()));
        }
        byNamespace.forEach((ns, slot) -> {
            if (next.get(ns) != slot && slot.target() != null) {
                slot.target().close();
            }
        });
        byNamespace.clear();
        byNamespace.putAll(next);
    }

    private Slot open(ClusterTarget cluster, String namespace, @Nullable String lastError) {
        try {
            final String context = cluster.context() == null ? "" : cluster.context();
            final KubernetesTarget target = new KubernetesTarget(
                    new KubernetesTarget.Settings(
                            context,
                            RenderMode.parse(cluster.mode(), "target.mode"),
                            namespace,
                            serverImages.apply(cluster)),
                    connector.connect(cluster.context()),
                    inventories,
                    publishers.apply(cluster),
                    clock);
            return new Slot(cluster, target, null);
        } catch (ClusterException e) {
            if (!Objects.equals(lastError, e.getMessage())) {
                LOG.warn("environment namespace {}: {}", namespace, e.getMessage());
            }
            return new Slot(cluster, null, e.getMessage());
        }
    }

    private Optional<Slot> slot(String namespace) {
        return Optional.ofNullable(byNamespace.get(namespace));
    }

    /** A cluster that cannot be configured needs a human (fix environments.yaml or the kubeconfig): it stalls. */
    private static ReconcileFailure unusable(Slot slot) {
        return ReconcileFailure.stalling(Reason.APPLY_FAILED, "cluster unusable: " + slot.error());
    }

    @Override
    public String name() {
        return local.name() + "+kubernetes";
    }

    @Override
    public void check(Manifest manifest, String namespace) {
        final Optional<Slot> s = slot(namespace);
        if (s.isEmpty()) {
            local.check(manifest, namespace);
        } else if (s.get().target() == null) {
            throw unusable(s.get());
        } else {
            s.get().target().check(manifest, namespace);
        }
    }

    @Override
    public CompletableFuture<DeploymentStatus> apply(Manifest manifest, String namespace) {
        final Optional<Slot> s = slot(namespace);
        if (s.isEmpty()) {
            return local.apply(manifest, namespace);
        }
        if (s.get().target() == null) {
            throw unusable(s.get());
        }
        return s.get().target().apply(manifest, namespace);
    }

    @Override
    public CompletableFuture<Boolean> delete(String namespace, String name) {
        final Optional<Slot> s = slot(namespace);
        if (s.isPresent() && s.get().target() != null) {
            return s.get().target().delete(namespace, name);
        }
        final Optional<ObjectInventory> recorded = inventories.load(namespace, name);
        if (recorded.isEmpty()) {
            return local.delete(namespace, name);
        }
        // an environment no longer in environments.yaml: reconnect as its inventory says, prune, disconnect
        final ObjectInventory inv = recorded.get();
        final KubernetesTarget gone = new KubernetesTarget(
                new KubernetesTarget.Settings(
                        inv.context(), RenderMode.parse(inv.mode(), "inventory mode"), namespace, "unused"),
                connector.connect(inv.context().isEmpty() ? null : inv.context()),
                inventories,
                ManifestPublisher.none(),
                clock);
        return gone.delete(namespace, name).whenComplete((r, e) -> gone.close());
    }

    @Override
    public Optional<DeploymentStatus> status(String namespace, String name) {
        final Optional<Slot> s = slot(namespace);
        if (s.isEmpty()) {
            return local.status(namespace, name);
        }
        return s.get().target() == null ? Optional.empty() : s.get().target().status(namespace, name);
    }

    @Override
    public List<DeploymentStatus> list() {
        final List<DeploymentStatus> all = new ArrayList<>(local.list());
        byNamespace.values().stream()
                .filter(s -> s.target() != null)
                .forEach(s -> all.addAll(s.target().list()));
        all.sort(java.util.Comparator.comparing(DeploymentStatus::namespace).thenComparing(DeploymentStatus::name));
        return all;
    }

    /** The Kubernetes target of {@code namespace}, if that namespace's environment runs on a cluster. */
    public Optional<KubernetesTarget> kubernetes(String namespace) {
        return slot(namespace).map(Slot::target).filter(Objects::nonNull);
    }

    @Override
    public synchronized void close() {
        byNamespace.values().stream()
                .filter(s -> s.target() != null)
                .forEach(s -> s.target().close());
        byNamespace.clear();
    }
}
