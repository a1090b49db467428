package dev.slipway.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The packaged {@code slipway.jar} run as a real child process, as the launcher runs it. {@link #close()}
 * sends SIGTERM, waits, and kills the process if it does not stop.
 */
public final class SlipwayProcess implements AutoCloseable {

    private static final Pattern LISTENING = Pattern.compile("listening on (http://\\S+)");

    private final Process process;
    private final StringBuffer out = new StringBuffer();
    private final StringBuffer err = new StringBuffer();
    private final CompletableFuture<String> url = new CompletableFuture<>();
    private final List<Thread> pumps = new ArrayList<>();

    private SlipwayProcess(Process process) {
        this.process = process;
        pump(process.getInputStream(), out, true);
        pump(process.getErrorStream(), err, false);
    }

    /** The packaged jar (built by {@code mvn package}; failsafe passes its path). */
    public static Path jar() {
        Path jar = Path.of(System.getProperty("slipway.jar", "target/slipway.jar"));
        if (!Files.exists(jar)) {
            throw new IllegalStateException(jar + " is missing: run the tests with mvn verify");
        }
        return jar;
    }

    /** Starts {@code java -jar slipway.jar ARGS}. */
    /**
     * {@code COMMAND… --data-dir DATA --gateway-port 0 --api-port 0}: the arguments of a control plane ({@code up},
     * {@code quickstart}) on free ports with its data in {@code data}.
     */
    public static String[] onFreePorts(Path data, String... command) {
        final java.util.List<String> args = new java.util.ArrayList<>(java.util.List.of(command));
        args.addAll(java.util.List.of("--data-dir", data.toString(), "--gateway-port", "0", "--api-port", "0"));
        return args.toArray(String[]::new);
    }

    public static SlipwayProcess start(String... args) throws IOException {
        return start(java.util.Map.of(), args);
    }

    /** Starts {@code java -jar slipway.jar ARGS} with extra environment variables. */
    public static SlipwayProcess start(java.util.Map<String, String> env, String... args) throws IOException {
        List<String> cmd = new ArrayList<>();
        cmd.add(ProcessHandle.current().info().command().orElse("java"));
        cmd.add("-XX:+UseSerialGC");
        cmd.add("-jar");
        cmd.add(jar().toString());
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.environment().putAll(env);
        return new SlipwayProcess(pb.start());
    }

    private void pump(java.io.InputStream in, StringBuffer sink, boolean watchUrl) {
        Thread t = new Thread(
                () -> {
                    try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                        String line;
                        while ((line = r.readLine()) != null) {
                            sink.append(line).append('\n');
                            Matcher m = LISTENING.matcher(line);
                            if (watchUrl && m.find()) {
                                url.complete(m.group(1));
                            }
                        }
                    } catch (IOException ignored) {
                        // the process ended
                    }
                    url.completeExceptionally(
                            new IllegalStateException("the process ended without listening; stderr: " + err));
                },
                "slipway-process-pump");
        t.setDaemon(true);
        pumps.add(t);
        t.start();
    }

    /** Once the process has ended: waits (up to 10 s) until its output has been read to the end. */
    private void drained() throws InterruptedException {
        for (Thread t : pumps) {
            t.join(10_000);
        }
    }

    /** The server's URL once it says it is listening (waits up to 60 s). */
    public String awaitUrl() throws Exception {
        return url.get(60, TimeUnit.SECONDS);
    }

    /** The first match of {@code pattern} in the standard output, waiting up to {@code timeout}. */
    public Matcher awaitOut(Pattern pattern, java.time.Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            Matcher m = pattern.matcher(out);
            if (m.find()) {
                return m;
            }
            if (!process.isAlive()) {
                break;
            }
            Thread.sleep(50); // polling captured output; bounded by the deadline
        }
        throw new AssertionError("no output matching " + pattern + " within " + timeout + " (alive: "
                + process.isAlive() + "); stdout: " + out + " stderr: " + err);
    }

    /** Waits for the process to end by itself; returns its exit code. */
    public int awaitExit() throws InterruptedException {
        return awaitExit(java.time.Duration.ofSeconds(60));
    }

    /** Waits up to {@code limit} for the process to end by itself; returns its exit code. */
    public int awaitExit(java.time.Duration limit) throws InterruptedException {
        if (!process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly();
            throw new AssertionError(
                    "the process did not exit within " + limit + "; stdout: " + out + " stderr: " + err);
        }
        drained();
        return process.exitValue();
    }

    /** The first match of {@code pattern} in the standard output, waiting up to {@code limit} for it. */
    public Matcher awaitOutput(Pattern pattern, java.time.Duration limit) throws InterruptedException {
        return awaitOut(pattern, limit);
    }

    public String out() {
        return out.toString();
    }

    public String err() {
        return err.toString();
    }

    public Process process() {
        return process;
    }

    /** SIGTERM, then SIGKILL after 30 s; returns the exit code. */
    public int stop() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
        drained();
        return process.exitValue();
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            stop();
        }
    }
}
