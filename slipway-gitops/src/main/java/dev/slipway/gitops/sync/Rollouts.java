package dev.slipway.gitops.sync;

import dev.slipway.gitops.target.RuntimeTarget;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * What the controller remembers between passes about the runtime target, keyed by {@code namespace/name}: applies and
 * deletes it started and has not seen finish (they are never awaited on the sync thread: their completion wakes the
 * environment up), the generation it last saw after its own apply (a different one, or none at all, means someone
 * changed or deleted the deployment outside GitOps), when such drift was first noticed, and failures in a row (for
 * backoff). Only what this process saw counts: after a restart nothing is drift.
 */
final class Rollouts {

    /** Applies under way: key → digest. */
    final Map<String, String> applying = new ConcurrentHashMap<>();
    /** Generation seen after the controller's own apply: key → generation. */
    final Map<String, Long> observed = new ConcurrentHashMap<>();
    /** Drift first noticed: key → when and what. */
    final Map<String, Drift> drifts = new ConcurrentHashMap<>();
    /** Deletes under way or finished but not yet recorded: key → future. */
    final Map<String, CompletableFuture<Boolean>> deleting = new ConcurrentHashMap<>();
    /** Generic failures in a row: key (an application's, or {@code env:NAME}) → count. */
    final Map<String, Integer> failuresInARow = new ConcurrentHashMap<>();

    private final Consumer<String> wake;

    /** {@code wake} asks for a pass of the named environment (called from the target's threads). */
    Rollouts(Consumer<String> wake) {
        this.wake = wake;
    }

    /** Deployment drift: noticed at {@code since}; {@code what} for people. */
    record Drift(Instant since, String what) {}

    static String key(String namespace, String name) {
        return namespace + "/" + name;
    }

    /** Records the end of an apply started for {@code environment}; wakes it so its health is reported at once. */
    void applied(String environment, RuntimeTarget target, String namespace, String name, String digest) {
        final String key = key(namespace, name);
        try {
            target.status(namespace, name).ifPresent(s -> observed.put(key, s.generation()));
        } finally {
            applying.remove(key, digest);
            wake.accept(environment);
        }
    }

    void wake(String environment) {
        wake.accept(environment);
    }

    /** The next delay after one more generic failure of {@code key}: 1 s, 2 s, 4 s, … up to {@code cap}. */
    Duration backoff(String key, Duration cap) {
        final int n = failuresInARow.merge(key, 1, Integer::sum);
        final Duration d = Duration.ofSeconds(1L << Math.min(n - 1, 20));
        return d.compareTo(cap) > 0 ? cap : d;
    }
}
