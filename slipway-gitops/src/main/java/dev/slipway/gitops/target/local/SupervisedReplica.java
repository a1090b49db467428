package dev.slipway.gitops.target.local;

import dev.slipway.gitops.target.ReplicaKey;
import dev.slipway.gitops.target.ReplicaState;
import dev.slipway.gitops.target.ReplicaStatus;
import dev.slipway.support.ReplicaIdentity;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One replica slot, kept running: starts its process, waits until it is ready, announces it; when it exits
 * unexpectedly, records the crash (exit code, log tail), withdraws it and restarts it after an exponential
 * backoff; stops it gracefully (drain, SIGTERM, SIGKILL after the grace period).
 */
final class SupervisedReplica implements Replica {

    private static final Logger LOG = LoggerFactory.getLogger(SupervisedReplica.class);

    private final LocalContext ctx;
    private final ReplicaKey key;
    private final LaunchSpec launch;
    private final String revision;
    private final Path logFile;
    private final CompletableFuture<Void> firstReady = new CompletableFuture<>();

    private ReplicaProcess current;
    private ReplicaState state = ReplicaState.STARTING;
    private boolean stopping;
    private int attempt;
    private int restarts;
    private int failuresSinceReady;
    private Integer lastExitCode;
    private Instant lastExitTime;
    private String lastFailure = "";
    private boolean timedOut;
    private List<String> logTail = List.of();

    SupervisedReplica(LocalContext ctx, ReplicaKey key, LaunchSpec launch, Path logFile) {
        this.ctx = ctx;
        this.key = key;
        this.launch = launch;
        this.revision = launch.revision();
        this.logFile = logFile;
    }

    @Override
    public ReplicaKey key() {
        return key;
    }

    String revision() {
        return revision;
    }

    @Override
    public synchronized void start() {
        ctx.live().add(this);
        launch();
    }

    @Override
    public synchronized boolean isReady() {
        return state == ReplicaState.READY;
    }

    /** Waits until the replica is ready for the first time. */
    @Override
    public void awaitReady(Duration timeout) {
        Replica.await(firstReady, timeout, this::failure);
    }

    private synchronized ReplicaFailure failure(String reason) {
        final String why = lastFailure.isEmpty() ? reason : reason + "; " + lastFailure;
        return new ReplicaFailure(
                key, why, logFile.toString(), logTail.isEmpty() ? ReplicaProcess.tail(logFile, 20) : logTail);
    }

    private void launch() {
        if (stopping) {
            return;
        }
        final int myAttempt = ++attempt;
        state = ReplicaState.STARTING;
        timedOut = false;
        final ReplicaProcess proc;
        try {
            final List<String> command =
                    ctx.config().command().command(launch, ctx.config().host(), logFile);
            proc = ReplicaProcess.start(
                    command,
                    environment(),
                    logFile,
                    "--- " + key + " start #" + (restarts + 1) + " at "
                            + ctx.config().clock().instant() + " (revision " + revision + ")" + System.lineSeparator()
                            + "--- command: " + ReplicaProcess.shellQuoted(command));
        } catch (IOException | UncheckedIOException e) {
            lastFailure = "cannot start the server: " + e.getMessage();
            ctx.scheduler().execute(() -> crashed(myAttempt, 0, -1));
            return;
        }
        current = proc;
        proc.process()
                .onExit()
                .thenRunAsync(
                        () -> crashed(myAttempt, proc.pid(), proc.process().exitValue()), ctx.scheduler());
        final Instant deadline =
                ctx.config().clock().instant().plus(ctx.config().readyTimeout());
        ctx.scheduler().schedule(() -> probe(myAttempt, proc, deadline), 50, TimeUnit.MILLISECONDS);
    }

    /**
     * The container's environment plus who this replica is ({@link ReplicaIdentity}: deployment, predictor, node,
     * namespace, replica id), which the server puts on its metrics; the identity wins over the container's own values.
     */
    private java.util.Map<String, String> environment() {
        return environment(key, launch);
    }

    /** {@code launch}'s environment with {@code key}'s identity (see {@link #environment()}). */
    static java.util.Map<String, String> environment(ReplicaKey key, LaunchSpec launch) {
        final java.util.Map<String, String> env = new java.util.LinkedHashMap<>(launch.env());
        final ReplicaIdentity planned = ReplicaIdentity.fromEnvironment(launch.env());
        env.putAll(new ReplicaIdentity(
                        key.namespace(),
                        key.deployment(),
                        key.predictor(),
                        planned.predictorVersion(),
                        key.node(),
                        planned.image(),
                        key.replica())
                .environment());
        return env;
    }

    private void probe(int myAttempt, ReplicaProcess proc, Instant deadline) {
        synchronized (this) {
            if (stopping || myAttempt != attempt || !proc.alive()) {
                return;
            }
        }
        try {
            if (proc.discoverPort() != 0
                    && proc.probeReady(ctx.http(), ctx.config().host())) {
                becameReady(myAttempt, proc);
                return;
            }
        } catch (IOException e) {
            // the log is not there yet: try again
            LOG.trace("the log is not there yet: try again", e);
        }
        if (ctx.config().clock().instant().isAfter(deadline)) {
            synchronized (this) {
                if (myAttempt != attempt || stopping) {
                    return;
                }
                timedOut = true;
            }
            proc.stop(ctx.config().grace());
            return;
        }
        ctx.scheduler().schedule(() -> probe(myAttempt, proc, deadline), 100, TimeUnit.MILLISECONDS);
    }

    private void becameReady(int myAttempt, ReplicaProcess proc) {
        synchronized (this) {
            if (stopping || myAttempt != attempt) {
                return;
            }
            state = ReplicaState.READY;
            failuresSinceReady = 0;
        }
        ctx.listener().replicaReady(key, ctx.config().host(), proc.port(), proc.socket());
        firstReady.complete(null);
    }

    private void crashed(int myAttempt, long pid, int exitCode) {
        final boolean wasReady;
        final int failures;
        synchronized (this) {
            if (stopping || myAttempt != attempt) {
                return;
            }
            wasReady = state == ReplicaState.READY;
            state = ReplicaState.CRASHED;
            lastExitCode = exitCode;
            lastExitTime = ctx.config().clock().instant();
            final List<String> tail = new ArrayList<>(ReplicaProcess.tail(logFile, 20));
            final Path report = pid > 0 ? ctx.config().command().crashReport(logFile, pid) : null;
            final boolean crashReport = report != null && Files.isRegularFile(report);
            if (crashReport) {
                tail.add("--- JVM crash report: " + report);
            }
            logTail = List.copyOf(tail);
            if (timedOut) {
                lastFailure = "not ready within " + ctx.config().readyTimeout().toSeconds() + " s";
            } else if (exitCode >= 0) {
                lastFailure = "exited with code " + exitCode + ReplicaProcess.signalName(exitCode)
                        + (crashReport
                                ? " (JVM crash report: " + report + ")"
                                : report != null && ReplicaProcess.killedByFault(exitCode)
                                        ? " (no JVM crash report " + report
                                                + ": the process died before the JVM could write one, e.g. a stack overflow in native code)"
                                        : "");
            }
            failures = ++failuresSinceReady;
        }
        if (wasReady) {
            ctx.listener().replicaUnavailable(key);
        }
        if (!firstReady.isDone() && failures >= ctx.config().startFailureLimit()) {
            firstReady.completeExceptionally(failure("failed " + failures + " starts in a row"));
        }
        final Duration delay = ctx.config().backoff().delay(failures);
        ctx.scheduler().schedule(() -> restart(myAttempt), delay.toMillis(), TimeUnit.MILLISECONDS);
    }

    private synchronized void restart(int myAttempt) {
        if (stopping || myAttempt != attempt) {
            return;
        }
        restarts++;
        launch();
    }

    /** Stops the replica: drains it first (when it was ready and {@code drain}), then SIGTERM, then SIGKILL. */
    @Override
    public void stop(boolean drain) {
        final ReplicaProcess proc;
        final boolean wasReady;
        synchronized (this) {
            if (stopping) {
                return;
            }
            stopping = true;
            wasReady = state == ReplicaState.READY;
            state = ReplicaState.DRAINING;
            proc = current;
        }
        if (wasReady) {
            if (drain) {
                ctx.listener().drain(key);
            } else {
                ctx.listener().replicaUnavailable(key);
            }
        }
        if (proc != null && proc.alive()) {
            proc.stop(ctx.config().grace());
        }
        synchronized (this) {
            state = ReplicaState.STOPPED;
        }
        ctx.live().remove(this);
        firstReady.completeExceptionally(failure("stopped"));
    }

    @Override
    public synchronized ReplicaStatus status() {
        final ReplicaProcess proc = current;
        return new ReplicaStatus(
                key,
                state,
                revision,
                proc == null ? 0 : proc.port(),
                proc != null && proc.alive() ? proc.pid() : 0,
                restarts,
                lastExitCode,
                lastExitTime,
                logFile.toString(),
                state == ReplicaState.CRASHED || lastExitCode != null ? logTail : List.of(),
                null);
    }
}
