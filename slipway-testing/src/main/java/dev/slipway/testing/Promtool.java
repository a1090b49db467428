package dev.slipway.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Debian's real {@code promtool check metrics}: reads a Prometheus text exposition on its input and reports format
 * errors and lint problems (names, {@code HELP}, {@code TYPE}, units, counter suffixes). Tests that need it are skipped
 * where the {@code prometheus} package is not installed ({@code .ci/run} installs it).
 */
public final class Promtool {

    /** The binary Debian's {@code prometheus} package installs. */
    public static final Path BINARY = Path.of("/usr/bin/promtool");

    /**
     * What {@code promtool check metrics} said.
     *
     * @param exitCode its exit code (0: no problem)
     * @param output what it printed (one line per problem)
     */
    public record Check(int exitCode, String output) {

        /** True when the exposition parsed and no lint rule complained. */
        public boolean clean() {
            return exitCode == 0 && output.isBlank();
        }
    }

    private Promtool() {}

    /** True when {@code promtool} is installed. */
    public static boolean available() {
        return Files.isExecutable(BINARY);
    }

    /** Runs {@code promtool check metrics} on {@code exposition} (waits at most 60 s). */
    public static Check checkMetrics(String exposition) throws IOException, InterruptedException {
        final Process p = new ProcessBuilder(BINARY.toString(), "check", "metrics")
                .redirectErrorStream(true)
                .start();
        try {
            final CompletableFuture<String> out = CompletableFuture.supplyAsync(() -> read(p.getInputStream()));
            try (OutputStream in = p.getOutputStream()) {
                in.write(exposition.getBytes(StandardCharsets.UTF_8));
            }
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                throw new IOException("promtool check metrics did not finish within 60 s");
            }
            return new Check(p.exitValue(), out.join());
        } finally {
            p.destroyForcibly();
        }
    }

    private static String read(InputStream in) {
        try (in) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(promtool's output unreadable: " + e.getMessage() + ")";
        }
    }
}
