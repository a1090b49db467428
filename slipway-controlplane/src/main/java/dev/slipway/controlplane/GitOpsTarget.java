package dev.slipway.controlplane;

import dev.slipway.gitops.spec.Manifest;
import dev.slipway.gitops.target.DeploymentStatus;
import dev.slipway.gitops.target.RuntimeTarget;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * The runtime as the sync controller sees it: deletions also drop the gateway's replica pools (as
 * {@code slipway delete} does); closing is left to the control plane.
 */
final class GitOpsTarget implements RuntimeTarget, dev.slipway.gitops.target.EnvironmentAware {

    private final RuntimeTarget runtime;
    private final dev.slipway.serving.gateway.DeploymentRegistry routes;
    private final dev.slipway.serving.gateway.RequestLogSinks sinks;

    GitOpsTarget(RuntimeTarget runtime, dev.slipway.serving.gateway.DeploymentRegistry routes) {
        this(runtime, routes, dev.slipway.serving.gateway.RequestLogSinks.none());
    }

    /** @param sinks the gateway's request-log sinks: each environment's {@code requestLog.url} serves its namespace */
    GitOpsTarget(
            RuntimeTarget runtime,
            dev.slipway.serving.gateway.DeploymentRegistry routes,
            dev.slipway.serving.gateway.RequestLogSinks sinks) {
        this.runtime = runtime;
        this.routes = routes;
        this.sinks = sinks;
    }

    @Override
    public void environments(dev.slipway.gitops.env.Environments environments) {
        final java.util.Map<String, String> byNamespace = new java.util.HashMap<>();
        for (final dev.slipway.gitops.env.Environment e : environments.environments()) {
            if (e.requestLog() != null) {
                byNamespace.put(e.namespace(), e.requestLog().url());
            }
        }
        sinks.namespaces(byNamespace);
    }

    @Override
    public String name() {
        return runtime.name();
    }

    @Override
    public void check(Manifest manifest, String namespace) {
        runtime.check(manifest, namespace);
    }

    @Override
    public CompletableFuture<DeploymentStatus> apply(Manifest manifest, String namespace) {
        return runtime.apply(manifest, namespace);
    }

    @Override
    public CompletableFuture<Boolean> delete(String namespace, String name) {
        return runtime.delete(namespace, name).thenApply(existed -> {
            routes.dropPools(namespace, name);
            return existed;
        });
    }

    @Override
    public Optional<DeploymentStatus> status(String namespace, String name) {
        return runtime.status(namespace, name);
    }

    @Override
    public List<DeploymentStatus> list() {
        return runtime.list();
    }

    @Override
    public void close() {
        // the control plane closes the runtime
    }
}
