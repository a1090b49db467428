package dev.slipway.pipeline.trigger;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A bounded queue of runs served by a fixed number of executor threads. Runs of one repository never
 * overlap and start in the order they were submitted (push order); runs of different repositories run in
 * parallel. A worker takes the oldest waiting run whose repository is idle. A full queue refuses new runs.
 */
public final class RunQueue implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(RunQueue.class);

    private record Job(String repository, Runnable work) {}

    private final int capacity;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final Deque<Job> waiting = new ArrayDeque<>();
    private final Set<String> busy = new HashSet<>();
    private final List<Thread> workers = new ArrayList<>();
    private boolean closed;

    /** How many runs run at once by default. */
    public static final int DEFAULT_EXECUTORS = 2;

    /** How many runs may wait by default. */
    public static final int DEFAULT_CAPACITY = 100;

    /** {@value #DEFAULT_EXECUTORS} executors, {@value #DEFAULT_CAPACITY} waiting runs. */
    public RunQueue() {
        this(DEFAULT_EXECUTORS, DEFAULT_CAPACITY);
    }

    /**
     * @param executors how many runs may run at once
     * @param capacity how many runs may wait
     */
    public RunQueue(int executors, int capacity) {
        if (executors < 1 || capacity < 1) {
            throw new IllegalArgumentException("executors and capacity must be at least 1");
        }
        this.capacity = capacity;
        for (int i = 0; i < executors; i++) {
            Thread t = new Thread(this::work, "pipeline-executor-" + (i + 1));
            t.setDaemon(true);
            workers.add(t);
            t.start();
        }
    }

    /** Queues a run of {@code repository}; throws RejectedExecutionException when full or closed. */
    public void submit(String repository, Runnable work) {
        Objects.requireNonNull(repository, "repository");
        Objects.requireNonNull(work, "work");
        lock.lock();
        try {
            if (closed) {
                throw new RejectedExecutionException("the run queue is closed");
            }
            if (waiting.size() >= capacity) {
                throw new RejectedExecutionException("the run queue is full (" + capacity + " runs waiting)");
            }
            waiting.addLast(new Job(repository, work));
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** How many runs wait (not counting those running). */
    public int waiting() {
        lock.lock();
        try {
            return waiting.size();
        } finally {
            lock.unlock();
        }
    }

    private void work() {
        while (true) {
            Job job;
            lock.lock();
            try {
                while ((job = takeRunnable()) == null) {
                    if (closed) {
                        return;
                    }
                    changed.await();
                }
                busy.add(job.repository());
            } catch (InterruptedException e) {
                return;
            } finally {
                lock.unlock();
            }
            try {
                job.work().run();
            } catch (RuntimeException | Error e) {
                // a run records its own failure; the executor lives on
                LOG.warn(
                        "a pipeline run of {} failed outside its own error handling; the queue goes on",
                        job.repository(),
                        e);
            } finally {
                lock.lock();
                try {
                    busy.remove(job.repository());
                    changed.signalAll();
                } finally {
                    lock.unlock();
                }
            }
        }
    }

    /** The oldest job whose repository has nothing running (and no older job waiting). */
    private Job takeRunnable() {
        Set<String> blocked = new HashSet<>(busy);
        for (Iterator<Job> it = waiting.iterator(); it.hasNext(); ) {
            Job j = it.next();
            if (!blocked.contains(j.repository())) {
                it.remove();
                return j;
            }
            blocked.add(j.repository());
        }
        return null;
    }

    /** Stops taking runs: waiting ones are dropped, running ones get {@code grace} to finish; returns the dropped count. */
    public int close(long grace, TimeUnit unit) throws InterruptedException {
        int dropped;
        lock.lock();
        try {
            closed = true;
            dropped = waiting.size();
            waiting.clear();
            changed.signalAll();
        } finally {
            lock.unlock();
        }
        long deadline = System.nanoTime() + unit.toNanos(grace);
        for (Thread t : workers) {
            t.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
        }
        workers.forEach(Thread::interrupt);
        return dropped;
    }

    @Override
    public void close() throws InterruptedException {
        close(30, TimeUnit.SECONDS);
    }
}
