package dev.slipway.gitops.sandbox;

import dev.slipway.gitops.spec.Manifest;
import dev.slipway.gitops.spec.SpecException;
import dev.slipway.gitops.spec.SpecParser;
import dev.slipway.gitops.target.DeploymentStatus;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code slipway e2e}: checks the manifests (before starting anything) → starts a private environment in a
 * temporary folder → deploys → waits until ready → runs the cases and/or the test command (with
 * {@code SLIPWAY_GATEWAY} and {@code API_AMBASSADOR} set) → always tears everything down, also on timeout and
 * Ctrl-C. The exit status is the tests': 0 passed, 1 failed, 2 bad input, 124 timeout.
 */
public final class Sandbox {

    private static final Logger LOG = LoggerFactory.getLogger(Sandbox.class);

    public static final int OK = 0;
    public static final int FAILED = 1;
    public static final int BAD_INPUT = 2;
    public static final int TIMED_OUT = 124;

    private final SandboxEnvironmentFactory factory;
    private final SpecParser parser;
    private final PrintStream out;
    private final PrintStream err;

    private final CaseTransport grpc;

    public Sandbox(SandboxEnvironmentFactory factory, SpecParser parser, PrintStream out, PrintStream err) {
        this(factory, parser, out, err, null);
    }

    /** As above; {@code grpc} sends the cases that ask for {@code transport: grpc} (null: they fail). */
    public Sandbox(
            SandboxEnvironmentFactory factory,
            SpecParser parser,
            PrintStream out,
            PrintStream err,
            CaseTransport grpc) {
        this.grpc = grpc;
        this.factory = factory;
        this.parser = parser;
        this.out = out;
        this.err = err;
    }

    /** Runs one sandbox; returns the exit status. */
    public int run(SandboxOptions options) {
        final long deadline = System.nanoTime() + options.timeout().toNanos();
        final String defaultNamespace = options.namespace() == null ? "default" : options.namespace();
        final List<Manifest> manifests;
        final List<TestCase> cases;
        try {
            manifests = parser.parseAll(options.manifests());
            parser.images().requireAllUsed("--set-image", options.manifests().toString());
            for (final Manifest m : manifests) {
                factory.check(m, m.deployment().namespace().orElse(defaultNamespace));
            }
            cases = options.cases() == null ? List.of() : CaseFile.read(options.cases());
        } catch (SpecException e) {
            err.println("e2e: invalid input, nothing was started:");
            e.lines().forEach(p -> err.println("  " + p));
            return BAD_INPUT;
        } catch (IllegalArgumentException e) {
            err.println("e2e: invalid input, nothing was started: " + e.getMessage());
            return BAD_INPUT;
        }
        final Path workDir;
        try {
            workDir = Files.createTempDirectory("slipway-e2e-");
        } catch (IOException e) {
            err.println("e2e: cannot create a temporary folder: " + e.getMessage());
            return FAILED;
        }
        final Teardown teardown = new Teardown(workDir);
        final Thread hook = new Thread(teardown::run, "slipway-e2e-teardown");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            final SandboxEnvironment env = factory.start(workDir);
            teardown.environment = env;
            out.println("e2e: gateway on " + env.gatewayAddress() + ", folder " + workDir);
            final int deployed = deploy(env, manifests, defaultNamespace, deadline);
            if (deployed != OK) {
                return deployed;
            }
            int status = OK;
            if (!cases.isEmpty()) {
                status = new CaseRunner(env.gatewayAddress(), defaultNamespace, out, grpc)
                                        .run(cases, remaining(deadline))
                                == 0
                        ? OK
                        : FAILED;
            }
            if (!options.command().isEmpty()) {
                final int commandStatus = command(options.command(), env.gatewayAddress(), teardown, deadline);
                status = commandStatus != OK ? commandStatus : status;
            }
            out.println("e2e: " + (status == OK ? "passed" : "failed (exit " + status + ")"));
            return status;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            err.println("e2e: interrupted");
            return FAILED;
        } catch (RuntimeException e) {
            err.println("e2e: " + e.getMessage());
            return FAILED;
        } finally {
            teardown.run();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException e) {
                // already shutting down: the hook is running teardown too (it is idempotent)
                LOG.debug("already shutting down: the hook is running teardown too (it is idempotent)", e);
            }
        }
    }

    private int deploy(SandboxEnvironment env, List<Manifest> manifests, String defaultNamespace, long deadline)
            throws InterruptedException {
        final Map<String, CompletableFuture<DeploymentStatus>> rollouts = new java.util.LinkedHashMap<>();
        for (final Manifest m : manifests) {
            final String ns = m.deployment().namespace().orElse(defaultNamespace);
            m.warnings().forEach(w -> out.println("e2e: warning: " + w));
            rollouts.put(ns + "/" + m.deployment().name(), env.target().apply(m, ns));
        }
        for (final Map.Entry<String, CompletableFuture<DeploymentStatus>> e : rollouts.entrySet()) {
            try {
                e.getValue().get(remaining(deadline).toMillis(), TimeUnit.MILLISECONDS);
                out.println("e2e: deployment " + e.getKey() + " is ready");
            } catch (ExecutionException failure) {
                err.println("e2e: deployment " + e.getKey() + " did not become ready: "
                        + failure.getCause().getMessage());
                return FAILED;
            } catch (TimeoutException timeout) {
                err.println("e2e: timed out waiting for deployment " + e.getKey() + " to become ready");
                env.target()
                        .list()
                        .forEach(s -> s.replicas().stream()
                                .filter(r -> !r.logTail().isEmpty() || r.pid() == 0)
                                .forEach(r -> err.println(
                                        "  replica " + r.key() + " " + r.state() + " (log " + r.logFile() + ")")));
                return TIMED_OUT;
            }
        }
        return OK;
    }

    private int command(List<String> command, String gateway, Teardown teardown, long deadline)
            throws InterruptedException {
        final ProcessBuilder builder = new ProcessBuilder(command).inheritIO();
        builder.environment().put("SLIPWAY_GATEWAY", gateway);
        builder.environment().put("API_AMBASSADOR", gateway);
        final Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            err.println("e2e: cannot run " + command.get(0) + ": " + e.getMessage());
            return FAILED;
        }
        teardown.command = process;
        if (!process.waitFor(remaining(deadline).toMillis(), TimeUnit.MILLISECONDS)) {
            err.println("e2e: the test command did not finish in time");
            return TIMED_OUT;
        }
        return process.exitValue();
    }

    private static Duration remaining(long deadline) {
        return Duration.ofNanos(Math.max(1_000_000, deadline - System.nanoTime()));
    }

    /** Idempotent teardown: the test command, the environment, the folder. */
    private static final class Teardown {
        private final Path workDir;
        private final AtomicBoolean done = new AtomicBoolean();
        volatile SandboxEnvironment environment;
        volatile Process command;

        Teardown(Path workDir) {
            this.workDir = workDir;
        }

        void run() {
            if (!done.compareAndSet(false, true)) {
                return;
            }
            final Process p = command;
            if (p != null && p.isAlive()) {
                final List<ProcessHandle> children = p.descendants().toList();
                p.destroy();
                try {
                    if (!p.waitFor(5, TimeUnit.SECONDS)) {
                        p.destroyForcibly();
                    }
                } catch (InterruptedException e) {
                    p.destroyForcibly();
                }
                children.forEach(ProcessHandle::destroyForcibly);
            }
            final SandboxEnvironment env = environment;
            if (env != null) {
                env.close();
            }
            try (Stream<Path> files = Files.walk(workDir)) {
                final List<Path> all =
                        new ArrayList<>(files.sorted(Comparator.reverseOrder()).toList());
                for (final Path f : all) {
                    Files.deleteIfExists(f);
                }
            } catch (IOException e) {
                // a leftover temporary folder is harmless
                LOG.debug("a leftover temporary folder is harmless", e);
            }
        }
    }
}
