package dev.slipway.runtime.python;

import dev.slipway.model.ModelException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingDeque;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.function.Consumer;

/**
 * N worker processes of one model. A call takes an idle worker, sends its frame and waits for the answer,
 * bounded by the timeout: past it the worker is killed (504). A worker that exits, for whatever reason, is
 * replaced in the background after a backoff that grows with consecutive failed starts; the call it was
 * answering fails with a 500 naming the exit.
 */
final class WorkerPool implements AutoCloseable {

    /** The longest a worker may take to import, construct and load the class. */
    static final long START_TIMEOUT_MILLIS = 10 * 60_000L;

    private static final long MAX_BACKOFF_MILLIS = 30_000L;

    private final PythonSettings settings;
    private final WorkerFiles files;
    private final Consumer<String> log;
    private final LinkedBlockingDeque<Worker> idle = new LinkedBlockingDeque<>();
    private final Set<Worker> live = ConcurrentHashMap.newKeySet();
    private final AtomicIntegerArray failedStarts;
    private final ScheduledExecutorService timers;
    private final ExecutorService starters;
    private volatile Map<String, Object> hello = Map.of();
    private volatile boolean closed;

    private WorkerPool(PythonSettings settings, WorkerFiles files, Consumer<String> log) {
        this.settings = settings;
        this.files = files;
        this.log = log;
        this.failedStarts = new AtomicIntegerArray(settings.workers());
        this.timers = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "python-timer-" + settings.name()));
        this.starters = Executors.newCachedThreadPool(r -> daemon(r, "python-start-" + settings.name()));
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }

    /** Starts every worker and waits until each has constructed the class and run {@code load()}. */
    static WorkerPool start(PythonSettings settings, WorkerFiles files, Consumer<String> log) {
        WorkerPool pool = new WorkerPool(settings, files, log);
        List<Future<Worker>> starting = new ArrayList<>();
        for (int slot = 0; slot < settings.workers(); slot++) {
            int s = slot;
            starting.add(pool.starters.submit(() -> pool.launch(s)));
        }
        RuntimeException failure = null;
        for (Future<Worker> f : starting) {
            try {
                pool.admit(f.get());
            } catch (java.util.concurrent.ExecutionException e) {
                Throwable cause = e.getCause();
                if (failure == null) {
                    failure = cause instanceof RuntimeException r
                            ? r
                            : new ModelException.LoadFailure(cause.getMessage(), cause);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                failure = new ModelException.LoadFailure("interrupted while the Python workers started");
            }
        }
        if (failure != null) {
            pool.close();
            throw failure;
        }
        return pool;
    }

    /** What the first worker said once ready: pid, Python version, which seldon_core, init_metadata. */
    Map<String, Object> hello() {
        return hello;
    }

    /** Starts one worker and completes its handshake; a failure names the interpreter and the module. */
    private Worker launch(int slot) {
        Worker w;
        try {
            w = Worker.start(slot, settings, files, settings.name(), log);
        } catch (IOException e) {
            throw new ModelException.LoadFailure(
                    "cannot start the Python interpreter '" + settings.executable() + "' for "
                            + settings.located().describe() + ": " + e.getMessage()
                            + " (set --python-exec or SLIPWAY_PYTHON)",
                    e);
        }
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("name", settings.name());
        config.put("dir", settings.directory().toString());
        config.put("module", settings.located().module());
        config.put("class", settings.located().className());
        config.put("parameters", settings.parameters());
        config.put("shim", files.shim().toString());
        ScheduledFuture<?> watchdog = timers.schedule(w::killForTimeout, START_TIMEOUT_MILLIS, TimeUnit.MILLISECONDS);
        Object answer;
        try {
            answer = w.call(config);
        } catch (Worker.Died d) {
            String output = w.recentOutput();
            throw new ModelException.LoadFailure(
                    "the Python worker for " + settings.located().describe() + " ("
                            + settings.executable() + ") stopped before it was ready: " + d.getMessage()
                            + (output.isEmpty() ? "" : "; its last output:\n" + output));
        } finally {
            watchdog.cancel(false);
        }
        if (!(answer instanceof Map<?, ?> map) || !Boolean.TRUE.equals(map.get("ready"))) {
            w.stop(1000);
            String error = answer instanceof Map<?, ?> m && m.get("error") != null
                    ? String.valueOf(m.get("error"))
                    : String.valueOf(answer);
            throw new ModelException.LoadFailure(
                    settings.located().describe() + " (" + settings.executable() + "): " + error);
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> said = (Map<String, Object>) map;
        if (hello.isEmpty()) {
            hello = said;
        }
        return w;
    }

    private void admit(Worker w) {
        live.add(w);
        w.process().onExit().thenRun(() -> exited(w));
        idle.addFirst(w);
    }

    private void exited(Worker w) {
        live.remove(w);
        idle.remove(w);
        if (closed) {
            return;
        }
        log.accept("[" + settings.name() + "] " + w.describeExit() + "; restarting it");
        restartLater(w.slot());
    }

    private void restartLater(int slot) {
        int failures = failedStarts.get(slot);
        long delay = failures == 0 ? 0 : Math.min(MAX_BACKOFF_MILLIS, 100L << Math.min(failures, 16));
        timers.schedule(() -> starters.execute(() -> restart(slot)), delay, TimeUnit.MILLISECONDS);
    }

    private void restart(int slot) {
        if (closed) {
            return;
        }
        try {
            Worker w = launch(slot);
            failedStarts.set(slot, 0);
            if (closed) {
                w.stop(1000);
                return;
            }
            admit(w);
        } catch (RuntimeException e) {
            failedStarts.incrementAndGet(slot);
            log.accept("[" + settings.name() + "] restart of Python worker " + slot + " failed: " + e.getMessage());
            restartLater(slot);
        }
    }

    /** True when at least one worker is ready. */
    boolean ready() {
        return !closed && !live.isEmpty();
    }

    /** Sends {@code request} to an idle worker and returns its answer. */
    Object call(Object request) {
        long timeout = settings.timeout().toMillis();
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeout);
        Worker w = take(deadline);
        long left = Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime()));
        ScheduledFuture<?> watchdog = timers.schedule(w::killForTimeout, left, TimeUnit.MILLISECONDS);
        try {
            Object answer = w.call(request);
            watchdog.cancel(false);
            if (w.alive()) {
                idle.addFirst(w);
            }
            return answer;
        } catch (Worker.Died d) {
            watchdog.cancel(false);
            if (d.timedOut) {
                throw new ModelException.WithStatus(
                        504,
                        "TIMEOUT",
                        "the Python model did not answer within " + timeout + " ms (--request-timeout): "
                                + d.getMessage() + " and is being restarted");
            }
            throw new ModelException(d.getMessage() + " while answering this request; it is being restarted");
        }
    }

    private Worker take(long deadline) {
        while (true) {
            if (closed) {
                throw new ModelException.WithStatus(503, "UNAVAILABLE", "the Python model is shutting down");
            }
            long left = deadline - System.nanoTime();
            Worker w;
            try {
                w = left <= 0 ? idle.pollFirst() : idle.pollFirst(left, TimeUnit.NANOSECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ModelException("interrupted while waiting for a Python worker");
            }
            if (w == null) {
                throw new ModelException.WithStatus(
                        504,
                        "TIMEOUT",
                        "no Python worker became free within "
                                + settings.timeout().toMillis() + " ms (" + settings.workers() + " workers, "
                                + live.size()
                                + " running; see --python-workers and --request-timeout)");
            }
            if (w.alive()) {
                return w;
            }
        }
    }

    /** The pids of the running workers (for tests and diagnostics). */
    List<Long> pids() {
        return live.stream().map(Worker::pid).sorted().toList();
    }

    @Override
    public void close() {
        closed = true;
        List<Worker> all = new ArrayList<>(live);
        idle.clear();
        List<Future<?>> stopping = new ArrayList<>();
        for (Worker w : all) {
            stopping.add(starters.submit(() -> w.stop(2000)));
        }
        for (Future<?> f : stopping) {
            try {
                f.get(10, TimeUnit.SECONDS);
            } catch (Exception e) {
                log.accept("[" + settings.name() + "] stopping a Python worker: " + e);
            }
        }
        for (Worker w : all) {
            w.kill();
        }
        timers.shutdownNow();
        starters.shutdownNow();
    }
}
