package dev.slipway.gitops.target.local;

import dev.slipway.gitops.target.ReplicaKey;
import dev.slipway.gitops.target.ReplicaState;
import dev.slipway.gitops.target.ReplicaStatus;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One replica served as a model of a shared server process ({@link PackHost}), under a name unique in the runtime.
 * Ready once its model is loaded there, then announced with the process's address and the model's path prefix;
 * a failed load fails this replica only (its reason in status), retried with the runtime's backoff; the process
 * exiting withdraws it at once and counts a restart, and it is reloaded when the process is back; a stop drains it
 * and unloads its model, leaving the process and its other models serving.
 */
final class PackedReplica implements Replica {

    private static final Logger LOG = LoggerFactory.getLogger(PackedReplica.class);

    private final LocalContext ctx;
    private final ReplicaKey key;
    private final LaunchSpec launch;
    private final String revision;
    private final PackHosts hosts;
    private final String model;
    private final CompletableFuture<Void> firstReady = new CompletableFuture<>();

    private PackHost host;
    private ReplicaState state = ReplicaState.STARTING;
    private boolean stopping;
    private int attempt;
    private int restarts;
    private int failuresSinceReady;
    private Instant lastFailureTime;
    private String lastFailure = "";

    PackedReplica(LocalContext ctx, ReplicaKey key, LaunchSpec launch, PackHosts hosts) {
        this.ctx = ctx;
        this.key = key;
        this.launch = launch;
        this.revision = launch.revision();
        this.hosts = hosts;
        this.model = hosts.modelName(key);
    }

    @Override
    public ReplicaKey key() {
        return key;
    }

    @Override
    public void start() {
        final PackHost chosen = hosts.place(this);
        synchronized (this) {
            host = chosen;
        }
        LOG.info("replica {} is model {} of shared server {}", key, model, chosen.name());
        chosen.add(this);
    }

    @Override
    public synchronized boolean isReady() {
        return state == ReplicaState.READY;
    }

    @Override
    public void awaitReady(Duration timeout) {
        Replica.await(firstReady, timeout, this::failure);
    }

    private synchronized ReplicaFailure failure(String reason) {
        final String why = lastFailure.isEmpty() ? reason : reason + "; " + lastFailure;
        if (host == null) {
            return new ReplicaFailure(key, why, "", List.of());
        }
        final ReplicaStatus process = host.processStatus();
        return new ReplicaFailure(
                key,
                why + " (model " + model + " of shared server " + host.name() + ")",
                process.logFile(),
                process.logTail());
    }

    /** The host process is up (again): load the model into it. */
    void hostUp() {
        final int mine;
        final PackHost.Address at;
        synchronized (this) {
            at = host == null ? null : host.address(); // null host: reserved, not started yet (start loads it)
            if (stopping || at == null) {
                return;
            }
            mine = ++attempt;
            state = ReplicaState.STARTING;
        }
        host.load(at, model, key, launch).whenComplete((response, error) -> loaded(mine, at, response, error));
    }

    private void loaded(int mine, PackHost.Address at, HttpResponse<String> response, Throwable error) {
        final int failures;
        synchronized (this) {
            if (stopping || mine != attempt) {
                return; // stopped, or the host went down (and maybe up) meanwhile: that attempt decides
            }
            if (error == null && response.statusCode() == 200) {
                state = ReplicaState.READY;
                failuresSinceReady = 0;
                lastFailure = "";
                failures = 0;
            } else {
                state = ReplicaState.CRASHED;
                lastFailureTime = ctx.config().clock().instant();
                lastFailure = error != null
                        ? "loading into " + host.name() + " failed: " + error
                        : "loading into " + host.name() + " answered " + response.statusCode() + ": " + response.body();
                failures = ++failuresSinceReady;
                LOG.warn("replica {} (model {}): {}", key, model, lastFailure);
            }
        }
        if (failures == 0) {
            ctx.listener().replicaReady(key, at.host(), at.port(), at.socket(), "/models/" + model);
            firstReady.complete(null);
            return;
        }
        if (!firstReady.isDone() && failures >= ctx.config().startFailureLimit()) {
            firstReady.completeExceptionally(failure("failed " + failures + " loads in a row"));
        }
        ctx.scheduler()
                .schedule(
                        () -> {
                            synchronized (this) {
                                if (mine != attempt) {
                                    return;
                                }
                            }
                            hostUp();
                        },
                        ctx.config().backoff().delay(failures).toMillis(),
                        TimeUnit.MILLISECONDS);
    }

    /** The host process exited: withdraw at once (its model is gone with it) and wait for the host to come back. */
    void hostDown() {
        final boolean wasReady;
        synchronized (this) {
            if (stopping) {
                return;
            }
            if (host == null) {
                return;
            }
            wasReady = state == ReplicaState.READY;
            attempt++;
            state = ReplicaState.CRASHED;
            lastFailureTime = ctx.config().clock().instant();
            lastFailure = "shared server " + host.name() + " exited; the model is reloaded when it is back";
            if (wasReady) {
                restarts++;
            }
        }
        if (wasReady) {
            ctx.listener().replicaUnavailable(key);
        }
    }

    @Override
    public void stop(boolean drain) {
        final boolean wasReady;
        synchronized (this) {
            if (stopping) {
                return;
            }
            stopping = true;
            attempt++;
            wasReady = state == ReplicaState.READY;
            state = ReplicaState.DRAINING;
        }
        if (wasReady) {
            if (drain) {
                ctx.listener().drain(key);
            } else {
                ctx.listener().replicaUnavailable(key);
            }
        }
        if (host != null) {
            host.unload(model);
            host.remove(this);
        }
        synchronized (this) {
            state = ReplicaState.STOPPED;
        }
        firstReady.completeExceptionally(failure("stopped"));
    }

    @Override
    public synchronized ReplicaStatus status() {
        final ReplicaStatus process = host == null ? null : host.processStatus();
        final boolean failed = !lastFailure.isEmpty();
        return new ReplicaStatus(
                key,
                state,
                revision,
                process == null ? 0 : process.port(),
                process == null ? 0 : process.pid(),
                restarts,
                process == null ? null : process.lastExitCode(),
                failed ? lastFailureTime : process == null ? null : process.lastExitTime(),
                process == null ? "" : process.logFile(),
                failed ? List.of(lastFailure) : List.of(),
                new ReplicaStatus.PackedIn(host == null ? "" : host.name(), model));
    }
}
