package dev.slipway.gitops.target.local;

import dev.slipway.gitops.target.ReplicaKey;
import dev.slipway.gitops.target.ReplicaStatus;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;

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

    /**
     * Waits for {@code firstReady} (at most {@code timeout}); a timeout, an interruption or any other failure than a
     * {@link ReplicaFailure} becomes {@code failure}'s {@link ReplicaFailure} with the reason.
     */
    static void await(CompletableFuture<Void> firstReady, Duration timeout, Function<String, ReplicaFailure> failure) {
        try {
            firstReady.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw failure.apply("not ready within " + timeout.toSeconds() + " s");
        } catch (ExecutionException e) {
            throw e.getCause() instanceof ReplicaFailure f ? f : failure.apply(String.valueOf(e.getCause()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw failure.apply("interrupted");
        }
    }

    /** Stops it: drains it first (when it was ready and {@code drain}), then stops what serves it. */
    void stop(boolean drain);

    ReplicaStatus status();
}
