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
    private final List<SupervisedReplica> replicas = new CopyOnWriteArrayList<>();
    private int nextId;
    private LaunchSpec launch;
    private volatile String targetRevision;
    private volatile int wanted;

    NodeReplicas(LocalContext ctx, String namespace, String deployment, NodePlan plan) {
        this.ctx = ctx;
        this.namespace = namespace;
        this.deployment = deployment;
        this.predictor = plan.predictor();
        this.node = plan.node();
        this.launch = plan.launch();
        this.targetRevision = plan.launch().revision();
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
        return replicas.stream().allMatch(SupervisedReplica::isReady);
    }

    List<ReplicaStatus> status() {
        return replicas.stream().map(SupervisedReplica::status).toList();
    }

    /** Starts replicas until there are {@code count}, all ready; a failing new replica is stopped and reported. */
    void scaleUp(int count) {
        wanted = count;
        final List<SupervisedReplica> started = new ArrayList<>();
        while (replicas.size() + started.size() < count) {
            final SupervisedReplica r = newReplica(launch);
            r.start();
            started.add(r);
        }
        try {
            for (final SupervisedReplica r : started) {
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
        final List<SupervisedReplica> old = new ArrayList<>(replicas);
        for (int i = 0; i < count; i++) {
            final SupervisedReplica fresh = newReplica(newLaunch);
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
        final List<SupervisedReplica> all = new ArrayList<>(replicas);
        all.parallelStream().forEach(r -> r.stop(drain));
        replicas.removeAll(all);
    }

    private void retire(SupervisedReplica r) {
        r.stop(true);
        replicas.remove(r);
    }

    private SupervisedReplica newReplica(LaunchSpec spec) {
        final String id = String.valueOf(nextId++);
        final ReplicaKey key = new ReplicaKey(namespace, deployment, predictor, node, id);
        final Path log = ctx.config()
                .dataDir()
                .resolve("logs")
                .resolve(namespace)
                .resolve(deployment)
                .resolve(predictor + "-" + node + "-" + id + ".log");
        return new SupervisedReplica(ctx, key, spec, log);
    }
}
