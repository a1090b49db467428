package dev.slipway.pipeline.exec;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * The running step's process as a one-line file ({@code pid startMillis session cookie}) beside its run, so a
 * control plane restarted after {@code kill -9} can find and stop what the killed one left running: the
 * start time tells the recorded process from a later one that reused its pid.
 */
public final class StepProcessRecord {

    private StepProcessRecord() {}

    static void write(Path file, ProcessHandle process, long session, String cookie) {
        if (file == null) {
            return;
        }
        long start = process.info()
                .startInstant()
                .map(java.time.Instant::toEpochMilli)
                .orElse(0L);
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Files.writeString(
                    file, process.pid() + " " + start + " " + session + " " + cookie + "\n", StandardCharsets.UTF_8);
        } catch (IOException e) {
            // recovery after a crash is best effort; the step itself runs on
            System.getLogger(StepProcessRecord.class.getName())
                    .log(
                            System.Logger.Level.WARNING,
                            "cannot record the step process in " + file + ": " + e.getMessage());
        }
    }

    static void delete(Path file) {
        if (file != null) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException e) {
                System.getLogger(StepProcessRecord.class.getName())
                        .log(System.Logger.Level.WARNING, "cannot delete " + file + ": " + e.getMessage());
            }
        }
    }

    /**
     * Stops the processes recorded in {@code file} (if any are left) and deletes the file.
     *
     * @return true when nothing of the step is left running
     */
    public static boolean stop(Path file, Duration grace) {
        if (file == null || !Files.exists(file)) {
            return true;
        }
        String[] f;
        try {
            f = Files.readString(file, StandardCharsets.UTF_8).trim().split(" ");
        } catch (IOException e) {
            return false;
        }
        if (f.length < 4) {
            delete(file);
            return true;
        }
        long pid = Long.parseLong(f[0]);
        long start = Long.parseLong(f[1]);
        long session = Long.parseLong(f[2]);
        Optional<ProcessHandle> root = ProcessHandle.of(pid)
                .filter(p -> p.info()
                        .startInstant()
                        .map(i -> i.toEpochMilli() == start)
                        .orElse(false));
        ProcessTree tree = new ProcessTree(root.orElse(null), f[3], session);
        boolean stopped = tree.kill(grace);
        delete(file);
        return stopped;
    }
}
