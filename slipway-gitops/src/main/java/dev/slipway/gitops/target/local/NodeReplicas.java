package dev.slipway.gitops.target.local;

import dev.slipway.gitops.target.ReplicaKey;
import dev.slipway.gitops.target.ReplicaStatus;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The replicas of one graph node, changed one step at a time: scale up (start, wait ready), roll (start a new
 * replica, wait until it is ready, then drain and stop an old one; repeat), scale down (drain, stop).
 */
final class NodeReplicas {

    private final LocalContext ctx;
    private final String namespace;
    private final String deployment;
    private final String predictor;
    private final String node;
    private final List<Replica> replicas = new CopyOnWriteArrayList<>();
    private int nextId;
    private LaunchSpec launch;
    private volatile String targetRevision;
    private volatile int wanted;
    private volatile boolean packed;

    NodeReplicas(LocalContext ctx, String namespace, String deployment, NodePlan plan) {
        this.ctx = ctx;
        this.namespace = namespace;
        this.deployment = deployment;
        this.predictor = plan.predictor();
        this.node = plan.node();
        this.launch = plan.launch();
        this.targetRevision = plan.launch().revision();
    }

    /** Whether replicas started from now on are models of the shared server processes (a rollout moves them). */
    void packed(boolean yes) {
        packed = yes;
    }

    String revision() {
        return launch.revision();
    }

    /** How many replicas the last apply asked for (while it rolls out, too). */
    int wanted() {
        return wanted;
    }

    /** Ready replicas running the revision the last apply asked for. */
    int readyUpToDate() {
        final String target = targetRevision;
        return (int) replicas.stream()
                .filter(r -> r.isReady() && r.status().revision().equals(target))
                .count();
    }

    int size() {
        return replicas.size();
    }

    boolean allReady() {
        return replicas.stream().allMatch(Replica::isReady);
    }

    List<ReplicaStatus> status() {
        return replicas.stream().map(Replica::status).toList();
    }

    /** Starts replicas until there are {@code count}, all ready; a failing new replica is stopped and reported. */
    void scaleUp(int count) {
        wanted = count;
        final List<Replica> started = new ArrayList<>();
        while (replicas.size() + started.size() < count) {
            final Replica r = newReplica(launch);
            r.start();
            started.add(r);
        }
        try {
            for (final Replica r : started) {
                r.awaitReady(
                        ctx.config().readyTimeout().multipliedBy(ctx.config().startFailureLimit()));
                replicas.add(r);
            }
        } catch (ReplicaFailure e) {
            started.stream().filter(r -> !replicas.contains(r)).forEach(r -> r.stop(false));
            throw e;
        }
    }

    /** Replaces every replica by one running {@code newLaunch}, one at a time, ending with {@code count}. */
    void roll(LaunchSpec newLaunch, int count) {
        wanted = count;
        targetRevision = newLaunch.revision();
        final List<Replica> old = new ArrayList<>(replicas);
        for (int i = 0; i < count; i++) {
            final Replica fresh = newReplica(newLaunch);
            fresh.start();
            try {
                fresh.awaitReady(
                        ctx.config().readyTimeout().multipliedBy(ctx.config().startFailureLimit()));
            } catch (ReplicaFailure e) {
                fresh.stop(false);
                throw e;
            }
            replicas.add(fresh);
            if (!old.isEmpty()) {
                retire(old.remove(0));
            }
        }
        launch = newLaunch;
        old.forEach(this::retire);
    }

    /** Drains and stops replicas (newest first) until there are {@code count}. */
    void scaleDown(int count) {
        wanted = count;
        while (replicas.size() > count) {
            retire(replicas.get(replicas.size() - 1));
        }
    }

    /** Drains (when {@code drain}) and stops every replica. */
    void stopAll(boolean drain) {
        final List<Replica> all = new ArrayList<>(replicas);
        all.parallelStream().forEach(r -> r.stop(drain));
        replicas.removeAll(all);
    }

    private void retire(Replica r) {
        r.stop(true);
        replicas.remove(r);
    }

    private Replica newReplica(LaunchSpec spec) {
        final String id = String.valueOf(nextId++);
        final ReplicaKey key = new ReplicaKey(namespace, deployment, predictor, node, id);
        final Path log = ctx.config()
                .dataDir()
                .resolve("logs")
                .resolve(namespace)
                .resolve(deployment)
                .resolve(predictor + "-" + node + "-" + id + ".log");
        return packed && ctx.packs() != null
                ? new PackedReplica(ctx, key, spec, ctx.packs())
                : new SupervisedReplica(ctx, key, spec, log);
    }
}
