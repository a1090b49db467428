package dev.slipway.pipeline.exec;

import dev.slipway.pipeline.log.MaskingLineWriter;
import dev.slipway.pipeline.model.Reason;
import dev.slipway.support.Durations;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a step as a child process: its argument list as given (no shell unless the step asked for
 * {@code sh -c}), stdout and stderr merged into the masked log, stdin empty. A timeout or a cancellation
 * stops the whole process tree ({@link ProcessTree}); so does the end of the step, for background
 * processes it left behind.
 */
public final class ProcessStepExecutor implements StepExecutor {

    private static final Logger LOG = LoggerFactory.getLogger(ProcessStepExecutor.class);

    private final Duration grace;
    private final Duration poll;
    private final StepIsolation isolation;

    /**
     * @param grace how long processes get between SIGTERM and SIGKILL
     * @param poll how often cancellation is checked while a step runs
     */
    public ProcessStepExecutor(Duration grace, Duration poll) {
        this(grace, poll, StepIsolation.none());
    }

    /** As above, with steps fenced in by {@code isolation} (their own PID namespace or session, another user). */
    public ProcessStepExecutor(Duration grace, Duration poll, StepIsolation isolation) {
        this.grace = grace;
        this.poll = poll;
        this.isolation = isolation;
    }

    public ProcessStepExecutor(StepIsolation isolation) {
        this(Duration.ofSeconds(5), Duration.ofMillis(100), isolation);
    }

    public ProcessStepExecutor() {
        this(Duration.ofSeconds(5), Duration.ofMillis(100));
    }

    @Override
    public StepOutcome execute(StepSpec spec, MaskingLineWriter output, Cancellation cancellation) {
        String cookie = UUID.randomUUID().toString();
        ProcessBuilder pb = new ProcessBuilder(
                        isolation.wrap(resolve(spec.argv(), spec.env().get("PATH")), spec.runDir(), spec.dir()))
                .directory(spec.dir().toFile())
                .redirectErrorStream(true);
        pb.environment().clear();
        pb.environment().putAll(spec.env());
        pb.environment().put(ProcessTree.COOKIE, cookie);
        Process process;
        try {
            process = pb.start();
        } catch (IOException e) {
            String why = e.getMessage() == null ? e.toString() : e.getMessage();
            output.write("cannot start " + spec.argv().get(0) + ": " + why + "\n");
            return new StepOutcome(
                    Reason.Failed, null, "cannot start " + spec.argv().get(0) + ": " + why);
        }
        // the step leads its own session (setsid/unshare exec in place): its session id is its pid
        boolean ownSession = isolation.setsid() || isolation.pidNamespace();
        ProcessTree tree = new ProcessTree(process.toHandle(), cookie, ownSession ? process.pid() : 0);
        StepProcessRecord.write(spec.processFile(), process.toHandle(), ownSession ? process.pid() : 0, cookie);
        Thread pump = pump(process.getInputStream(), output, spec.name());
        try {
            process.getOutputStream().close();
        } catch (IOException ignored) {
            // stdin is closed already
            LOG.debug("stdin is closed already", ignored);
        }
        long deadline = spec.timeout() == null
                ? Long.MAX_VALUE
                : System.nanoTime() + spec.timeout().toNanos();
        StepOutcome outcome = null;
        try {
            while (outcome == null) {
                long wait = Math.min(poll.toNanos(), Math.max(0, deadline - System.nanoTime()));
                if (process.waitFor(wait, TimeUnit.NANOSECONDS)) {
                    int code = process.exitValue();
                    outcome = code == 0
                            ? new StepOutcome(Reason.Succeeded, 0, "exit code 0")
                            : new StepOutcome(Reason.Failed, code, "exit code " + code);
                } else if (cancellation.isCancelled()) {
                    outcome = new StepOutcome(Reason.Cancelled, null, "cancelled");
                } else if (System.nanoTime() >= deadline) {
                    outcome = new StepOutcome(
                            Reason.TimedOut,
                            null,
                            "timed out after " + Durations.format(spec.timeout()) + " (" + spec.timeoutSource()
                                    + " timeout)");
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            outcome = new StepOutcome(Reason.Cancelled, null, "interrupted");
        } finally {
            // always: a finished step must not leave processes (or our pipe) behind
            boolean stopped = tree.kill(grace);
            join(pump, process);
            StepProcessRecord.delete(spec.processFile());
            if (!stopped) {
                output.write("warning: some processes of step " + spec.name() + " could not be stopped\n");
            }
        }
        return outcome;
    }

    /**
     * The argument list with a bare program name looked up on the step's own PATH: Java would search the
     * runner's PATH, and steps must find what their PATH puts first (the {@code slipway} launcher).
     */
    static java.util.List<String> resolve(java.util.List<String> argv, String path) {
        String program = argv.get(0);
        if (program.contains("/") || path == null) {
            return argv;
        }
        for (String dir : path.split(java.io.File.pathSeparator)) {
            if (dir.isEmpty()) {
                continue;
            }
            java.nio.file.Path candidate = java.nio.file.Path.of(dir, program);
            if (java.nio.file.Files.isRegularFile(candidate) && java.nio.file.Files.isExecutable(candidate)) {
                java.util.List<String> out = new java.util.ArrayList<>(argv);
                out.set(0, candidate.toString());
                return out;
            }
        }
        return argv;
    }

    private static Thread pump(InputStream in, MaskingLineWriter output, String name) {
        Thread t = new Thread(
                () -> {
                    byte[] buf = new byte[8192];
                    try (in) {
                        int n;
                        while ((n = in.read(buf)) >= 0) {
                            output.write(buf, 0, n);
                        }
                    } catch (IOException ignored) {
                        // the stream was closed: the step is over
                        LOG.debug("the stream was closed: the step is over", ignored);
                    }
                },
                "step-output-" + name);
        t.setDaemon(true);
        t.start();
        return t;
    }

    private static void join(Thread pump, Process process) {
        try {
            pump.join(TimeUnit.SECONDS.toMillis(5));
            if (pump.isAlive()) {
                // a process we could not see still holds the pipe: stop reading
                process.getInputStream().close();
                pump.join(TimeUnit.SECONDS.toMillis(5));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException ignored) {
            // nothing more to read
            LOG.debug("nothing more to read", ignored);
        }
    }
}
