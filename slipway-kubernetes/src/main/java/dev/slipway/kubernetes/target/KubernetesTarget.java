package dev.slipway.kubernetes.target;

import dev.slipway.gitops.spec.Manifest;
import dev.slipway.gitops.target.Condition;
import dev.slipway.gitops.target.ConditionType;
import dev.slipway.gitops.target.DeploymentStatus;
import dev.slipway.gitops.target.Reason;
import dev.slipway.gitops.target.RuntimeTarget;
import dev.slipway.kubernetes.render.RenderMode;
import dev.slipway.kubernetes.render.RenderOptions;
import dev.slipway.kubernetes.render.Renderer;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One environment's namespace on one cluster, as a {@link RuntimeTarget}. {@link #apply} publishes what the manifest
 * pins ({@link ManifestPublisher}), renders it ({@link Renderer}), applies every object with server-side apply
 * (field manager {@code slipway}), recording each in the inventory as soon as the API accepted it, then prunes the
 * objects of the previous apply that the new one no longer has — only inventory objects, never foreign ones.
 * {@link #status} reads the live objects ({@link LiveHealth}); a missing or drifted object makes the deployment not
 * live, so the sync controller applies it again. A failed apply is remembered and reported as a Stalled condition
 * naming the object and the API's message until an apply succeeds.
 */
public final class KubernetesTarget implements RuntimeTarget {

    private static final Logger LOG = LoggerFactory.getLogger(KubernetesTarget.class);
    private static final List<String> ORDER = List.of(
            "ServiceAccount",
            "Role",
            "RoleBinding",
            "ConfigMap",
            "Service",
            "Deployment",
            "PodDisruptionBudget",
            "HorizontalPodAutoscaler",
            "SeldonDeployment");

    /**
     * What the target needs besides a client.
     *
     * @param context the kubeconfig context ("" for the current one), recorded in inventories
     * @param mode native or seldon
     * @param namespace the environment's namespace
     * @param serverImage the image of Slipway's server and gateway (mode native)
     */
    public record Settings(String context, RenderMode mode, String namespace, String serverImage) {
        public Settings {
            Objects.requireNonNull(context, "context");
            Objects.requireNonNull(mode, "mode");
            Objects.requireNonNull(namespace, "namespace");
            Objects.requireNonNull(serverImage, "serverImage");
        }
    }

    private final Settings settings;
    private final KubernetesClient client;
    private final Api api;
    private final LiveHealth health;
    private final InventoryFiles inventories;
    private final ManifestPublisher publisher;
    private final Clock clock;
    private final Renderer renderer = new Renderer();
    private final KubernetesSerialization serialization = new KubernetesSerialization();
    private final Map<String, String> failures = new ConcurrentHashMap<>();
    private final ExecutorService applies;

    public KubernetesTarget(
            Settings settings,
            KubernetesClient client,
            InventoryFiles inventories,
            ManifestPublisher publisher,
            Clock clock) {
        this.settings = settings;
        this.client = client;
        this.api = new Api(client);
        this.health = new LiveHealth(api);
        this.inventories = inventories;
        this.publisher = publisher;
        this.clock = clock;
        this.applies = Executors.newSingleThreadExecutor(r -> {
            final Thread t = new Thread(r, "slipway-kubernetes-" + settings.namespace());
            t.setDaemon(true);
            return t;
        });
    }

    @Override
    public String name() {
        return "kubernetes";
    }

    /** The settings this target was made with. */
    public Settings settings() {
        return settings;
    }

    @Override
    public void check(Manifest manifest, String namespace) {
        renderer.deployment(manifest, options(namespace));
    }

    @Override
    public CompletableFuture<DeploymentStatus> apply(Manifest manifest, String namespace) {
        check(manifest, namespace);
        return CompletableFuture.supplyAsync(
                () -> {
                    final String name = manifest.deployment().name();
                    try {
                        final Manifest published = publisher.publish(manifest, namespace);
                        final RenderOptions options = options(namespace);
                        if (settings.mode() == RenderMode.NATIVE) {
                            applyAll(namespace, ObjectInventory.ENVIRONMENT, renderer.environment(options), "");
                        }
                        applyAll(
                                namespace,
                                name,
                                renderer.deployment(published, options),
                                digest(published.resolvedJson()));
                        failures.remove(key(namespace, name));
                        return status(namespace, name)
                                .orElseThrow(() -> new IllegalStateException(name + " is not live after apply"));
                    } catch (RuntimeException e) {
                        failures.put(key(namespace, name), e.getMessage());
                        LOG.warn("kubernetes {}: {}", settings.namespace(), e.getMessage());
                        throw e;
                    }
                },
                applies);
    }

    private void applyAll(String namespace, String name, List<HasMetadata> objects, String digest) {
        final ObjectInventory before = inventories
                .load(namespace, name)
                .orElse(new ObjectInventory(
                        settings.context(), settings.mode().spelling(), namespace, name, "", List.of()));
        ObjectInventory inv = before;
        final Set<ObjectRef> applied = new LinkedHashSet<>();
        final List<HasMetadata> ordered = new ArrayList<>(objects);
        ordered.sort(Comparator.comparingInt(o -> ORDER.indexOf(o.getKind())));
        for (final HasMetadata o : ordered) {
            api.apply(o);
            @SuppressWarnings("unchecked")
            final Map<String, Object> json = serialization.convertValue(o, Map.class);
            inv = inv.with(new ObjectInventory.Applied(ObjectRef.of(o), json));
            inventories.save(inv);
            applied.add(ObjectRef.of(o));
        }
        for (final ObjectInventory.Applied old : before.objects()) {
            if (!applied.contains(old.ref())) {
                api.delete(old.ref());
                inv = inv.without(old.ref());
                inventories.save(inv);
            }
        }
        inventories.save(inv.withDigest(digest));
    }

    @Override
    public CompletableFuture<Boolean> delete(String namespace, String name) {
        return CompletableFuture.supplyAsync(
                () -> {
                    final Optional<ObjectInventory> inv = inventories.load(namespace, name);
                    if (inv.isEmpty()) {
                        return false;
                    }
                    prune(inv.get());
                    failures.remove(key(namespace, name));
                    if (inventories.names(namespace).isEmpty()) {
                        inventories.load(namespace, ObjectInventory.ENVIRONMENT).ifPresent(this::prune);
                    }
                    return true;
                },
                applies);
    }

    private void prune(ObjectInventory inv) {
        ObjectInventory left = inv;
        for (final ObjectInventory.Applied a : inv.objects()) {
            api.delete(a.ref());
            left = left.without(a.ref());
            inventories.save(left);
        }
        inventories.delete(inv.namespace(), inv.name());
    }

    @Override
    public Optional<DeploymentStatus> status(String namespace, String name) {
        final String failure = failures.get(key(namespace, name));
        final Optional<ObjectInventory> inv = inventories.load(namespace, name);
        if (inv.isEmpty()) {
            return failure == null ? Optional.empty() : Optional.of(failed(namespace, name, failure));
        }
        final List<ObjectInventory.Applied> environment = settings.mode() == RenderMode.NATIVE
                ? inventories
                        .load(namespace, ObjectInventory.ENVIRONMENT)
                        .map(ObjectInventory::objects)
                        .orElse(List.of())
                : List.of();
        try {
            final LiveHealth.Observation seen = health.observe(inv.get(), environment, clock.instant());
            if (failure != null) {
                return Optional.of(failed(namespace, name, failure));
            }
            if (seen.missing() != null) {
                LOG.info("kubernetes {}/{}: {}; applying again", namespace, name, seen.missing());
                return Optional.empty();
            }
            return Optional.of(seen.status());
        } catch (ClusterException e) {
            return Optional.of(failed(namespace, name, e.getMessage()));
        }
    }

    private DeploymentStatus failed(String namespace, String name, String message) {
        return new DeploymentStatus(
                namespace,
                name,
                0,
                List.of(
                        new Condition(
                                ConditionType.READY,
                                Condition.Status.FALSE,
                                Reason.APPLY_FAILED,
                                message,
                                clock.instant()),
                        new Condition(
                                ConditionType.STALLED,
                                Condition.Status.TRUE,
                                Reason.APPLY_FAILED,
                                message,
                                clock.instant())),
                List.of(),
                List.of());
    }

    @Override
    public List<DeploymentStatus> list() {
        final List<DeploymentStatus> out = new ArrayList<>();
        for (final String name : inventories.names(settings.namespace())) {
            status(settings.namespace(), name).ifPresent(out::add);
        }
        return out;
    }

    /** The message of the last failed apply of {@code name}, if it has not succeeded since. */
    public Optional<String> failure(String namespace, String name) {
        return Optional.ofNullable(failures.get(key(namespace, name)));
    }

    @Override
    public void close() {
        applies.shutdownNow();
        client.close();
    }

    private RenderOptions options(String namespace) {
        return new RenderOptions(settings.mode(), namespace, settings.serverImage());
    }

    private static String key(String namespace, String name) {
        return namespace + "/" + name;
    }

    static String digest(String text) {
        return dev.slipway.support.Digests.sha256Hex(text);
    }
}
