package dev.slipway.cli.command;

import dev.slipway.support.AtomicFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code DATA/slipway-up.pid}: which process runs {@code slipway up} on a data folder (its pid, its start time so that a
 * reused pid is not mistaken for it, and its API). Written by {@code up} once it listens, removed when it stops; read
 * by {@code down}.
 */
final class UpPidFile {

    private static final Logger LOG = LoggerFactory.getLogger(UpPidFile.class);
    static final String NAME = "slipway-up.pid";

    /** What the file says. */
    record Entry(long pid, Instant started, String api) {}

    private UpPidFile() {}

    static Path of(Path data) {
        return data.resolve(NAME);
    }

    /** Records this process as the one running {@code up} on {@code data}. */
    static void write(Path data, String api) throws IOException {
        final ProcessHandle self = ProcessHandle.current();
        AtomicFiles.writeString(
                of(data), self.pid() + "\n" + self.info().startInstant().orElse(Instant.EPOCH) + "\n" + api + "\n");
    }

    /** The entry, when the file exists and reads well. */
    static Optional<Entry> read(Path data) {
        try {
            final List<String> lines = Files.readAllLines(of(data), StandardCharsets.UTF_8);
            return Optional.of(new Entry(
                    Long.parseLong(lines.get(0).strip()),
                    Instant.parse(lines.get(1).strip()),
                    lines.size() > 2 ? lines.get(2).strip() : ""));
        } catch (java.nio.file.NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException | RuntimeException e) {
            LOG.warn("{} is not a pid file slipway up wrote ({}): ignored", of(data), e.toString());
            return Optional.empty();
        }
    }

    /** The process an entry names, while it still runs (the same pid and start time). */
    static Optional<ProcessHandle> running(Entry e) {
        return ProcessHandle.of(e.pid())
                .filter(ProcessHandle::isAlive)
                .filter(p ->
                        p.info().startInstant().map(s -> s.equals(e.started())).orElse(true));
    }

    /** Removes the file when it names this process (a second {@code up} refused at start must not remove the first's). */
    static void removeOwn(Path data) {
        read(data).filter(e -> e.pid() == ProcessHandle.current().pid()).ifPresent(e -> remove(data));
    }

    static void remove(Path data) {
        try {
            Files.deleteIfExists(of(data));
        } catch (IOException e) {
            LOG.warn("cannot remove {}: {}", of(data), e.toString());
        }
    }
}
