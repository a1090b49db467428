package dev.slipway.gitops.target.local;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Class-data-sharing archives of replica JVMs, one per class path (and JVM options): recorded once, in the
 * background, by a training run of the replica's own command ({@code serve … --cds-training}: load the model,
 * answer a few requests to itself, exit) under {@code -XX:ArchiveClassesAtExit}, then used by every replica started
 * with that class path ({@code -XX:SharedArchiveFile}). The archive's name holds a digest of the {@code java}
 * binary, the options, the class path and each jar's size and time, so a rebuilt distribution records a new one.
 * Recording an archive removes those of earlier builds. One process records a given archive at a time (a {@code .training} marker file holding its id, taken over once
 * that process is gone or after 10 minutes).
 */
public final class CdsArchives {

    private static final Logger LOG = LoggerFactory.getLogger(CdsArchives.class);

    /** The hidden {@code serve} flag of the training run. */
    public static final String TRAINING_FLAG = "--cds-training";

    private static final Duration STALE = Duration.ofMinutes(10);
    private static final Duration TRAINING_TIMEOUT = Duration.ofMinutes(3);

    private final Path dir;
    private final Set<String> started = ConcurrentHashMap.newKeySet();
    private final Set<Process> training = ConcurrentHashMap.newKeySet();
    private volatile boolean stopped;

    /** Archives kept in {@code dir} (created when needed). */
    public CdsArchives(Path dir) {
        this.dir = dir.toAbsolutePath();
    }

    /** The folder of the archives. */
    public Path dir() {
        return dir;
    }

    /**
     * Stops the training runs in progress (SIGKILL: a stopped run records nothing) and starts none from now on; waits
     * up to 10 seconds for them to be gone.
     */
    public void stopTraining() {
        final List<Process> running;
        synchronized (training) {
            stopped = true;
            running = List.copyOf(training);
        }
        for (final Process p : running) {
            p.destroyForcibly();
        }
        for (final Process p : running) {
            try {
                p.waitFor(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /**
     * The JVM options that use the archive of this class path; none while it is not recorded yet (its recording is
     * then started in the background, unless it runs already).
     *
     * @param java the {@code java} binary
     * @param jvmOptions the replica's JVM options (without a CDS archive and without {@code -Xmx}, which do not
     *     change what may be shared)
     * @param classpath the replica's class path
     * @param mainAndArgs the main class and the {@code serve …} arguments of the replica
     */
    public List<String> options(String java, List<String> jvmOptions, String classpath, List<String> mainAndArgs) {
        final Path archive = archive(java, jvmOptions, classpath);
        if (Files.isRegularFile(archive)) {
            return List.of("-XX:SharedArchiveFile=" + archive, "-Xlog:cds=off", "-Xlog:cds+dynamic=off");
        }
        if (!stopped && started.add(archive.toString())) {
            final Thread t = new Thread(
                    () -> record(archive, java, jvmOptions, classpath, mainAndArgs),
                    "slipway-cds-" + archive.getFileName());
            t.setDaemon(true);
            t.start();
        }
        return List.of();
    }

    /** The archive of a replica JVM with these settings (it may not exist yet). */
    Path archive(String java, List<String> jvmOptions, String classpath) {
        final StringBuilder text = new StringBuilder(java).append('\u0000');
        jvmOptions.forEach(o -> text.append(o).append('\u0000'));
        text.append(classpath).append('\u0000');
        for (final String entry : classpath.split(File.pathSeparator)) {
            final File f = new File(entry);
            text.append(f.length()).append(':').append(f.lastModified()).append('\u0000');
        }
        try {
            final byte[] digest =
                    MessageDigest.getInstance("SHA-256").digest(text.toString().getBytes(StandardCharsets.UTF_8));
            return dir.resolve(build(classpath) + HexFormat.of().formatHex(digest, 0, 8) + ".jsa");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    /**
     * The name prefix of the archives of one build: {@code replica-T-}, T the time of the class path's first jar (the
     * distribution's own jar, rewritten by every build).
     */
    private static String build(String classpath) {
        final String first = classpath.split(File.pathSeparator, 2)[0];
        return "replica-" + Long.toString(new File(first).lastModified(), 36) + "-";
    }

    /** Removes the archives (and logs) of other builds, which no replica can use any more. */
    private void pruneOtherBuilds(Path recorded) throws IOException {
        final String name = recorded.getFileName().toString();
        final String current = name.substring(0, name.indexOf('-', "replica-".length()) + 1);
        try (var files = Files.newDirectoryStream(dir, "replica-*.{jsa,log}")) {
            for (final Path p : files) {
                if (!p.getFileName().toString().startsWith(current)) {
                    Files.deleteIfExists(p);
                }
            }
        }
    }

    private void record(Path archive, String java, List<String> jvmOptions, String classpath, List<String> args) {
        final String base = archive.getFileName().toString().replace(".jsa", "");
        final Path marker = archive.resolveSibling(base + ".training");
        final Path tmp = archive.resolveSibling(
                base + ".jsa.tmp" + ProcessHandle.current().pid());
        try {
            Files.createDirectories(dir);
            if (!take(marker, base)) {
                return; // another process records it
            }
            try {
                final List<String> cmd = new ArrayList<>(jvmOptions);
                cmd.addAll(List.of("-XX:ArchiveClassesAtExit=" + tmp, "-Xlog:cds=off", "-Xlog:cds+dynamic=off"));
                cmd.addAll(List.of("-cp", classpath));
                cmd.addAll(args);
                cmd.add(TRAINING_FLAG);
                // in an argument file, as the replicas run: a command line of a few KiB (the class path) crashed
                // ONNX Runtime's native loader (SIGSEGV), so ONNX replicas never had an archive
                final StringBuilder argText = new StringBuilder();
                cmd.forEach(
                        a -> argText.append(JavaServerCommand.argFileQuoted(a)).append('\n'));
                final Path argFile = archive.resolveSibling(base + ".args");
                Files.writeString(argFile, argText.toString());
                final Process p;
                synchronized (training) {
                    if (stopped) {
                        return;
                    }
                    p = new ProcessBuilder(java, "@" + argFile)
                            .redirectErrorStream(true)
                            .redirectOutput(
                                    archive.resolveSibling(base + ".log").toFile())
                            .start();
                    training.add(p);
                }
                final boolean ended;
                try {
                    ended = p.waitFor(TRAINING_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
                } finally {
                    training.remove(p);
                }
                if (!ended) {
                    p.destroyForcibly();
                    LOG.warn("the CDS training run for {} took over {}: stopped", archive, TRAINING_TIMEOUT);
                } else if (stopped) {
                    LOG.debug("the CDS training run for {} was stopped with its runtime", archive);
                } else if (p.exitValue() == 0 && Files.isRegularFile(tmp)) {
                    Files.move(tmp, archive, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                    LOG.info("recorded the replicas' CDS archive {}", archive);
                    pruneOtherBuilds(archive);
                } else {
                    LOG.warn("the CDS training run for {} exited with {} (see {}.log)", archive, p.exitValue(), base);
                }
            } finally {
                Files.deleteIfExists(tmp);
                Files.deleteIfExists(archive.resolveSibling(base + ".args"));
                Files.deleteIfExists(marker);
            }
        } catch (IOException e) {
            LOG.warn("cannot record the CDS archive {}: replicas start without it", archive, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Creates {@code marker} holding this process's id, or takes it over when it is stale (its process is gone — a
     * supervisor killed mid-recording — or it is older than 10 minutes) and removes what that recording left;
     * false when another live process holds it.
     */
    private boolean take(Path marker, String base) throws IOException {
        try {
            Files.writeString(marker, Long.toString(ProcessHandle.current().pid()), StandardOpenOption.CREATE_NEW);
            return true;
        } catch (FileAlreadyExistsException e) {
            if (!stale(marker)) {
                return false;
            }
            try (var leftovers = Files.newDirectoryStream(dir, base + ".jsa.tmp*")) {
                for (final Path p : leftovers) {
                    Files.deleteIfExists(p);
                }
            }
            Files.deleteIfExists(marker);
            return take(marker, base);
        }
    }

    private static boolean stale(Path marker) throws IOException {
        if (Files.getLastModifiedTime(marker).toInstant().isBefore(Instant.now().minus(STALE))) {
            return true;
        }
        final String owner = Files.readString(marker).trim();
        try {
            return !owner.isEmpty()
                    && ProcessHandle.of(Long.parseLong(owner))
                            .map(ProcessHandle::isAlive)
                            .map(alive -> !alive)
                            .orElse(true);
        } catch (NumberFormatException e) {
            return true;
        }
    }
}
