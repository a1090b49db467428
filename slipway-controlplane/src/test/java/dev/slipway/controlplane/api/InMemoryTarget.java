package dev.slipway.controlplane.api;

import dev.slipway.gitops.spec.Manifest;
import dev.slipway.gitops.target.Condition;
import dev.slipway.gitops.target.ConditionType;
import dev.slipway.gitops.target.DeploymentStatus;
import dev.slipway.gitops.target.Reason;
import dev.slipway.gitops.target.ReplicaKey;
import dev.slipway.gitops.target.ReplicaState;
import dev.slipway.gitops.target.ReplicaStatus;
import dev.slipway.gitops.target.RuntimeTarget;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A fake runtime target for the API's unit tests (the real one starts processes): a deployment is ready at once with
 * one replica, unless its name starts with {@code broken}, whose rollout fails with a crashed replica.
 */
final class InMemoryTarget implements RuntimeTarget {

    static final Instant T0 = Instant.parse("2026-12-05T03:00:00Z");

    private final Map<String, DeploymentStatus> deployed = new ConcurrentHashMap<>();

    @Override
    public String name() {
        return "in-memory";
    }

    @Override
    public void check(Manifest manifest, String namespace) {
        // everything the parser accepts runs here
    }

    @Override
    public CompletableFuture<DeploymentStatus> apply(Manifest manifest, String namespace) {
        final String name = manifest.deployment().name();
        final boolean broken = name.startsWith("broken");
        final DeploymentStatus status = new DeploymentStatus(
                namespace,
                name,
                1,
                List.of(new Condition(
                        ConditionType.READY,
                        broken ? Condition.Status.FALSE : Condition.Status.TRUE,
                        broken ? Reason.REPLICA_CRASHED : Reason.SUCCEEDED,
                        broken ? "m-0 exited 3" : "",
                        T0)),
                List.of(new ReplicaStatus(
                        new ReplicaKey(namespace, name, "p", "m", "0"),
                        broken ? ReplicaState.CRASHED : ReplicaState.READY,
                        "rev1",
                        9000,
                        42,
                        broken ? 1 : 0,
                        broken ? 3 : null,
                        broken ? T0 : null,
                        "/logs/m-0.log",
                        broken ? List.of("boom") : List.of(),
                        null)),
                List.of());
        deployed.put(namespace + "/" + name, status);
        return broken
                ? CompletableFuture.failedFuture(new IllegalStateException("replica m-0 crashed (exit 3)"))
                : CompletableFuture.completedFuture(status);
    }

    @Override
    public CompletableFuture<Boolean> delete(String namespace, String name) {
        return CompletableFuture.completedFuture(deployed.remove(namespace + "/" + name) != null);
    }

    @Override
    public Optional<DeploymentStatus> status(String namespace, String name) {
        return Optional.ofNullable(deployed.get(namespace + "/" + name));
    }

    @Override
    public List<DeploymentStatus> list() {
        return new ArrayList<>(deployed.values());
    }

    @Override
    public void close() {
        deployed.clear();
    }
}
