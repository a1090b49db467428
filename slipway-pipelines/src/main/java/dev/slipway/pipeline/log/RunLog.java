package dev.slipway.pipeline.log;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The log files of one run: {@code log} (everything, in order, with a header per step) and one file per
 * step ({@code steps/STAGE-STEP.log}). Lines reach the files already masked and are flushed one by one, so
 * another process can follow them. Thread-safe.
 */
public final class RunLog implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(RunLog.class);

    /** The combined log's name inside a run folder. */
    public static final String COMBINED = "log";

    private final Path dir;
    private final SecretMasker masker;
    private final LineSink listener;
    private final Writer combined;
    private final List<Writer> open = new ArrayList<>();

    /**
     * @param dir the run's folder
     * @param masker masks every line written
     * @param listener also receives every line of the combined log (e.g. the console), already masked
     */
    public RunLog(Path dir, SecretMasker masker, LineSink listener) {
        this.dir = dir;
        this.masker = masker;
        this.listener = listener;
        try {
            Files.createDirectories(dir.resolve("steps"));
            this.combined = Files.newBufferedWriter(
                    dir.resolve(COMBINED),
                    StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the logs of run " + dir.getFileName() + " in " + dir, e);
        }
    }

    /** A line written by the runner itself (progress, warnings): masked, to the combined log and the listener. */
    public synchronized void note(String text) {
        for (String l : text.split("\n", -1)) {
            append(combined, masker.mask(l));
            listener.line(masker.mask(l));
        }
    }

    public SecretMasker masker() {
        return masker;
    }

    /** A writer for a step's output: masked lines go to the step's file, the combined log and the listener. */
    public synchronized MaskingLineWriter step(String logName) {
        Writer w;
        try {
            Path file = dir.resolve(logName);
            Files.createDirectories(file.getParent());
            w = Files.newBufferedWriter(
                    file, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + logName + " of run " + dir.getFileName(), e);
        }
        open.add(w);
        return new MaskingLineWriter(masker, line -> {
            synchronized (this) {
                append(w, line);
                append(combined, line);
                listener.line(line);
            }
        });
    }

    private static void append(Writer w, String line) {
        try {
            w.write(line);
            w.write('\n');
            w.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public synchronized void close() {
        for (Writer w : open) {
            try {
                w.close();
            } catch (IOException ignored) {
                // the file stays as far as it was written
                LOG.warn("cannot close a run log; the file stays as far as it was written", ignored);
            }
        }
        try {
            combined.close();
        } catch (IOException ignored) {
            // as above
            LOG.warn("cannot close a run log; the file stays as far as it was written", ignored);
        }
    }
}
