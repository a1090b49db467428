package dev.slipway.gitops.testing;

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
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * A runtime target in memory for unit tests of the sync controller (a fake: no process starts). Applies and deletes
 * stay pending until the test {@link #finishAll finishes} them (or finish at once with {@link #instant}); failures
 * are injected per operation. Deployments are keyed by namespace and name, like every target.
 */
public final class FakeTarget implements RuntimeTarget {

    private final Map<String, DeploymentStatus> live = new TreeMap<>();
    private final List<Runnable> pending = new ArrayList<>();
    public final List<String> calls = new ArrayList<>();
    public boolean instant;
    public Supplier<RuntimeException> checkFails;
    public Supplier<RuntimeException> applyFails;
    public Supplier<RuntimeException> statusFails;
    public Supplier<RuntimeException> deleteFails;
    public Supplier<RuntimeException> deleteCompletesWith;
    public boolean rolloutFails;

    @Override
    public String name() {
        return "fake";
    }

    @Override
    public synchronized void check(Manifest manifest, String namespace) {
        if (checkFails != null) {
            throw checkFails.get();
        }
    }

    @Override
    public synchronized CompletableFuture<DeploymentStatus> apply(Manifest manifest, String namespace) {
        if (applyFails != null) {
            throw applyFails.get();
        }
        final String name = manifest.deployment().name();
        calls.add("apply " + namespace + "/" + name);
        final long generation = live.containsKey(namespace + "/" + name)
                ? live.get(namespace + "/" + name).generation() + 1
                : 1;
        live.put(namespace + "/" + name, status(namespace, name, generation, false, false));
        final CompletableFuture<DeploymentStatus> f = new CompletableFuture<>();
        final boolean fails = rolloutFails;
        final Runnable done = () -> {
            final DeploymentStatus s;
            synchronized (this) {
                s = status(namespace, name, generation, !fails, fails);
                live.put(namespace + "/" + name, s);
            }
            if (fails) {
                f.completeExceptionally(new IllegalStateException("replica 0 never became ready"));
            } else {
                f.complete(s);
            }
        };
        return finish(done, f);
    }

    @Override
    public synchronized CompletableFuture<Boolean> delete(String namespace, String name) {
        if (deleteFails != null) {
            throw deleteFails.get();
        }
        calls.add("delete " + namespace + "/" + name);
        final CompletableFuture<Boolean> f = new CompletableFuture<>();
        final Supplier<RuntimeException> failure = deleteCompletesWith;
        final Runnable done = () -> {
            if (failure != null) {
                f.completeExceptionally(failure.get());
                return;
            }
            final boolean existed;
            synchronized (this) {
                existed = live.remove(namespace + "/" + name) != null;
            }
            f.complete(existed);
        };
        return finish(done, f);
    }

    @Override
    public synchronized Optional<DeploymentStatus> status(String namespace, String name) {
        if (statusFails != null) {
            throw statusFails.get();
        }
        return Optional.ofNullable(live.get(namespace + "/" + name));
    }

    @Override
    public synchronized List<DeploymentStatus> list() {
        return List.copyOf(live.values());
    }

    @Override
    public void close() {
        // nothing runs
    }

    /** Completes every pending apply and delete (outside the lock, like a real target's threads). */
    public void finishAll() {
        final List<Runnable> now;
        synchronized (this) {
            now = List.copyOf(pending);
            pending.clear();
        }
        now.forEach(Runnable::run);
    }

    /** Someone deletes a deployment behind the controller's back. */
    public synchronized void deleteByHand(String namespace, String name) {
        live.remove(namespace + "/" + name);
    }

    /** Someone applies another spec by hand (a new generation). */
    public synchronized void changeByHand(String namespace, String name) {
        final DeploymentStatus s = live.get(namespace + "/" + name);
        live.put(namespace + "/" + name, status(namespace, name, s.generation() + 1, true, false));
    }

    public synchronized boolean runs(String namespace, String name) {
        return live.containsKey(namespace + "/" + name);
    }

    private static DeploymentStatus status(String ns, String name, long generation, boolean ready, boolean stalled) {
        final Instant t = Instant.EPOCH;
        final List<Condition> c = new ArrayList<>();
        c.add(new Condition(
                ConditionType.READY,
                ready ? Condition.Status.TRUE : Condition.Status.FALSE,
                ready ? Reason.SUCCEEDED : Reason.PROGRESSING,
                ready ? "ready" : "starting",
                t));
        if (stalled) {
            c.add(new Condition(
                    ConditionType.STALLED,
                    Condition.Status.TRUE,
                    Reason.ROLLOUT_FAILED,
                    "replica 0 never became ready",
                    t));
        }
        final ReplicaStatus r = new ReplicaStatus(
                new ReplicaKey(ns, name, "default", "classifier", "0"),
                ready ? ReplicaState.READY : ReplicaState.STARTING,
                "r" + generation,
                0,
                0,
                0,
                null,
                null,
                "",
                List.of(),
                null);
        return new DeploymentStatus(ns, name, generation, c, List.of(r), List.of());
    }

    /** Runs {@code done} now when {@link #instant}, else when the test calls {@code finishAll}; answers {@code f}. */
    private <T> CompletableFuture<T> finish(Runnable done, CompletableFuture<T> f) {
        if (instant) {
            done.run();
        } else {
            pending.add(done);
        }
        return f;
    }
}
