package dev.slipway.serving.gateway;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The ready replicas of one graph node, picked round-robin. Each pick holds the endpoint until
 * {@link #release}; {@link #drain} withdraws an endpoint and waits for its in-flight requests.
 */
public final class ReplicaPool {

    private final String name;
    private final List<ReplicaAddress> ready = new CopyOnWriteArrayList<>();
    private final Map<String, AtomicInteger> inFlight = new ConcurrentHashMap<>();
    private final Map<String, CompletableFuture<Void>> draining = new ConcurrentHashMap<>();
    private final AtomicInteger next = new AtomicInteger();
    /** Whether its replicas serve gRPC-Web (Slipway model servers): 0 unknown, 1 yes, -1 no (for good). */
    private volatile int grpcWeb;

    public ReplicaPool(String name) {
        this.name = name;
    }

    public String name() {
        return name;
    }

    /** True once the node's replicas proved to be Slipway model servers, which answer gRPC-Web, until one did not. */
    boolean speaksGrpcWeb() {
        return grpcWeb > 0;
    }

    /** What a reply said: a Slipway model server (taken while unknown), or not a gRPC-Web server (kept for good). */
    void speaksGrpcWeb(boolean yes) {
        if (!yes) {
            grpcWeb = -1;
        } else if (grpcWeb == 0) {
            grpcWeb = 1;
        }
    }

    /** Adds (or replaces) a ready endpoint. */
    public void add(ReplicaAddress endpoint) {
        remove(endpoint.id());
        inFlight.computeIfAbsent(endpoint.id(), k -> new AtomicInteger());
        ready.add(endpoint);
    }

    /** Withdraws an endpoint at once (it died). */
    public void remove(String id) {
        ready.removeIf(e -> e.id().equals(id));
    }

    /** The ready endpoints. */
    public List<ReplicaAddress> endpoints() {
        return List.copyOf(ready);
    }

    /**
     * Picks a ready endpoint not in {@code exclude} and holds it (call {@link #release}); empty when none.
     */
    public Optional<ReplicaAddress> acquire(Set<String> exclude) {
        final Object[] snapshot = ready.toArray();
        final int size = snapshot.length;
        if (size == 0) {
            return Optional.empty();
        }
        final int start = Math.floorMod(next.getAndIncrement(), size);
        for (int i = 0; i < size; i++) {
            final ReplicaAddress candidate = (ReplicaAddress) snapshot[(start + i) % size];
            if (exclude.contains(candidate.id())) {
                continue;
            }
            inFlight.computeIfAbsent(candidate.id(), k -> new AtomicInteger()).incrementAndGet();
            if (ready.contains(candidate)) {
                return Optional.of(candidate);
            }
            release(candidate);
        }
        return Optional.empty();
    }

    /** Ends a request on {@code endpoint}. */
    public void release(ReplicaAddress endpoint) {
        final AtomicInteger count = inFlight.get(endpoint.id());
        if (count != null && count.decrementAndGet() <= 0) {
            final CompletableFuture<Void> done = draining.get(endpoint.id());
            if (done != null) {
                done.complete(null);
            }
        }
    }

    /** Requests in flight on {@code id}. */
    public int inFlight(String id) {
        final AtomicInteger count = inFlight.get(id);
        return count == null ? 0 : count.get();
    }

    /**
     * Withdraws {@code id} and waits until its in-flight requests have finished (at most {@code max}).
     *
     * @return true when it drained, false when {@code max} elapsed first
     */
    public boolean drain(String id, Duration max) {
        final CompletableFuture<Void> done = new CompletableFuture<>();
        draining.put(id, done);
        remove(id);
        try {
            if (inFlight(id) <= 0) {
                return true;
            }
            done.get(max.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (TimeoutException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (java.util.concurrent.ExecutionException e) {
            return false;
        } finally {
            draining.remove(id);
            inFlight.remove(id);
        }
    }
}
