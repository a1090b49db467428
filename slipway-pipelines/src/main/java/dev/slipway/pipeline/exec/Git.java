package dev.slipway.pipeline.exec;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** The {@code git} command line, run with a time limit and no prompts; failures carry git's own message. */
public final class Git {

    private final String executable;
    private final Duration timeout;

    public Git(String executable, Duration timeout) {
        this.executable = executable;
        this.timeout = timeout;
    }

    public Git() {
        this("git", Duration.ofMinutes(10));
    }

    /** Runs {@code git ARGS} in {@code dir} and returns its standard output, trimmed. */
    public String run(Path dir, String... args) {
        List<String> cmd = new ArrayList<>();
        cmd.add(executable);
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd);
        if (dir != null) {
            pb.directory(dir.toFile());
        }
        pb.environment().put("GIT_TERMINAL_PROMPT", "0");
        pb.environment().put("LC_ALL", "C");
        Process p;
        try {
            p = pb.start();
        } catch (IOException e) {
            throw new GitException("cannot run git (is it installed?): " + e.getMessage());
        }
        try {
            p.getOutputStream().close();
            CompletableFuture<byte[]> out = read(p.getInputStream());
            CompletableFuture<byte[]> err = read(p.getErrorStream());
            if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                p.destroyForcibly();
                throw new GitException(
                        "git " + String.join(" ", args) + " took longer than " + timeout.toSeconds() + "s");
            }
            String stdout = new String(out.get(10, TimeUnit.SECONDS), StandardCharsets.UTF_8).trim();
            String stderr = new String(err.get(10, TimeUnit.SECONDS), StandardCharsets.UTF_8).trim();
            if (p.exitValue() != 0) {
                throw new GitException("git " + String.join(" ", args) + " failed: "
                        + (stderr.isEmpty() ? "exit code " + p.exitValue() : stderr));
            }
            return stdout;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new GitException("interrupted while running git " + String.join(" ", args));
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            throw new GitException("cannot read the output of git " + String.join(" ", args) + ": " + e);
        }
    }

    private static CompletableFuture<byte[]> read(java.io.InputStream in) {
        return CompletableFuture.supplyAsync(() -> {
            try (in) {
                return in.readAllBytes();
            } catch (IOException e) {
                return new byte[0];
            }
        });
    }

    /** A git command that failed, with git's message. */
    public static final class GitException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        public GitException(String message) {
            super(message);
        }
    }
}
