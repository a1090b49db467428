package dev.slipway.gitops.target.local;

import dev.slipway.gitops.target.ReplicaKey;
import dev.slipway.gitops.target.ReplicaStatus;
import java.time.Duration;

/**
 * One replica slot of a graph node, as {@link NodeReplicas} drives it: a process of its own ({@link
 * SupervisedReplica}) or a model in a shared server process ({@link PackedReplica}).
 */
interface Replica {

    ReplicaKey key();

    /** Starts it (returns at once; see {@link #awaitReady}). */
    void start();

    /** Waits until it is ready for the first time; throws {@link ReplicaFailure} when it never gets there. */
    void awaitReady(Duration timeout);

    boolean isReady();

    /** Stops it: drains it first (when it was ready and {@code drain}), then stops what serves it. */
    void stop(boolean drain);

    ReplicaStatus status();
}
