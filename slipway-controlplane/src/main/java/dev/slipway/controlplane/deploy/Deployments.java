package dev.slipway.controlplane.deploy;

import dev.slipway.gitops.spec.Manifest;
import dev.slipway.gitops.spec.SpecParser;
import dev.slipway.gitops.target.DeploymentStatus;
import dev.slipway.gitops.target.RuntimeTarget;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.BiConsumer;
import java.util.function.Supplier;

/**
 * The deployments applied through the API ({@code slipway deploy}): checked, stored in the data folder, then applied
 * to the runtime, so they survive a restart ({@link #restore}).
 */
public final class Deployments {

    private final RuntimeTarget runtime;
    private final StateStore store;
    private final Supplier<SpecParser> parser;
    private final BiConsumer<String, String> deleted;
    private final ModelRoots roots;
    private volatile Manager manager = Manager.NONE;

    /** Who else manages deployments (the sync controller): changes by hand are refused unless forced. */
    public interface Manager {
        Manager NONE = new Manager() {
            @Override
            public Optional<String> manages(String namespace, String name) {
                return Optional.empty();
            }

            @Override
            public void changedByHand(String namespace, String name) {}
        };

        /** Why {@code namespace/name} should not be changed by hand (naming who manages it), if so. */
        Optional<String> manages(String namespace, String name);

        /** A change by hand (forced, or of a deployment nobody manages) has finished rolling out. */
        void changedByHand(String namespace, String name);
    }

    /**
     * @param runtime where deployments run
     * @param dataDir the data folder (the stored state goes under it)
     * @param parser the parser for manifests (it knows the registered servers, which may change)
     * @param deleted told {@code (namespace, name)} once a deployment is gone (routes, the sync controller)
     */
    public Deployments(
            RuntimeTarget runtime, Path dataDir, Supplier<SpecParser> parser, BiConsumer<String, String> deleted) {
        this(runtime, dataDir, parser, deleted, ModelRoots.any());
    }

    /** As above; local modelUris of applied deployments must lie under {@code roots}. */
    public Deployments(
            RuntimeTarget runtime,
            Path dataDir,
            Supplier<SpecParser> parser,
            BiConsumer<String, String> deleted,
            ModelRoots roots) {
        this.roots = Objects.requireNonNull(roots, "roots");
        this.runtime = Objects.requireNonNull(runtime, "runtime");
        this.store = new StateStore(dataDir);
        this.parser = Objects.requireNonNull(parser, "parser");
        this.deleted = Objects.requireNonNull(deleted, "deleted");
    }

    /** Sets who else manages deployments (once the sync controller exists). */
    public void managedBy(Manager m) {
        this.manager = Objects.requireNonNull(m, "manager");
    }

    /** Why {@code namespace/name} should not be changed by hand, if someone else manages it. */
    public Optional<String> managedBy(String namespace, String name) {
        return manager.manages(namespace, name);
    }

    /** The parser manifests are read with. */
    public SpecParser parser() {
        return parser.get();
    }

    /** Every deployment on the runtime. */
    public List<DeploymentStatus> list() {
        return runtime.list();
    }

    /** One deployment's status. */
    public Optional<DeploymentStatus> status(String namespace, String name) {
        return runtime.status(namespace, name);
    }

    /**
     * Checks, stores and applies {@code manifest} in {@code namespace}: the stored state is written before anything
     * starts, so it survives a restart.
     */
    public ApplyResult apply(Manifest manifest, String namespace) {
        roots.check(manifest);
        runtime.check(manifest, namespace);
        store.put(new StateStore.Entry(
                namespace, manifest.deployment().name(), manifest.source(), manifest.resolvedJson()));
        final String name = manifest.deployment().name();
        final CompletableFuture<DeploymentStatus> rollout = runtime.apply(manifest, namespace);
        rollout.whenComplete((s, f) -> manager.changedByHand(namespace, name));
        return new ApplyResult(namespace, name, rollout);
    }

    /**
     * Deletes a deployment: forgets it, then drains and stops its replicas. One that a GitOps environment holds comes
     * back on the sync controller's next reconcile (git is the truth).
     *
     * @return completes with true when there was such a deployment
     */
    public CompletableFuture<Boolean> delete(String namespace, String name) {
        final boolean stored = store.remove(namespace, name);
        return runtime.delete(namespace, name).thenApply(existed -> {
            deleted.accept(namespace, name);
            return existed || stored;
        });
    }

    /** Re-applies the stored deployments; what cannot be read or applied is added to {@code problems}. */
    public void restore(List<String> problems) {
        for (final StateStore.Entry entry : store.list(problems)) {
            try {
                final Manifest manifest = parser.get().parse(entry.manifestJson(), entry.source(), null);
                runtime.apply(manifest, entry.namespace());
            } catch (RuntimeException e) {
                problems.add(entry.namespace() + "/" + entry.name() + ": " + e.getMessage());
            }
        }
    }
}
