package dev.slipway.controlplane.requestlog;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;

/**
 * A deployment's lines that the store took but has not written yet, and what writing them does to its two files
 * ({@code current.jsonl}, {@code previous.jsonl}): the rotations are worked out as the lines come, exactly as writing
 * them one by one would make them, and the lines that a second rotation would delete before anyone could read them are
 * dropped at once. So at a high rate a write puts on disk only what the files keep (at most two files' worth, however
 * many events came since the last write): new files and their pages in the page cache cost the kernel more than the
 * bytes (measured: writing every line cost ~5 points of throughput on bench/grpc.sh's logged path). Not thread-safe:
 * the store's lock guards it.
 */
final class PendingLines {

    private final int eventsPerFile;
    private final long bytesPerFile;
    private byte[] bytes = new byte[64 * 1024];
    private int used;
    /** Where each pending line ends in {@link #bytes}. */
    private int[] ends = new int[1024];

    private int lines;
    /** Events and bytes of the file the next line goes to, as if every pending line were written. */
    private int fileEvents;

    private long fileBytes;
    /** The first line of a new current file (-1: every pending line goes to the current file on disk). */
    private int split = -1;
    /** True when both files on disk are replaced: the lines before {@link #split} are the new previous file. */
    private boolean replaces;

    /** Lines for a deployment whose current file holds {@code events} events in {@code bytes} bytes. */
    PendingLines(int eventsPerFile, long bytesPerFile, int events, long bytes) {
        this.eventsPerFile = eventsPerFile;
        this.bytesPerFile = bytesPerFile;
        this.fileEvents = events;
        this.fileBytes = bytes;
    }

    boolean isEmpty() {
        return lines == 0;
    }

    /** The bytes held. */
    int bytes() {
        return used;
    }

    /** True when writing the pending lines rotates the files. */
    boolean rotates() {
        return split >= 0;
    }

    /** How many lines are pending. */
    int size() {
        return lines;
    }

    /** Where pending line {@code i} starts in {@link #array}. */
    int start(int i) {
        return i == 0 ? 0 : ends[i - 1];
    }

    /** Where pending line {@code i} ends in {@link #array}. */
    int end(int i) {
        return ends[i];
    }

    /** The pending lines' bytes, valid until the next {@link #add}. */
    byte[] array() {
        return bytes;
    }

    /** Takes a line (with its newline): copies it; a rotation before it is decided as writing it would decide. */
    void add(byte[] line, int offset, int length) {
        if (fileEvents >= eventsPerFile || fileBytes + length > bytesPerFile && fileEvents > 0) {
            if (split >= 0) { // a second rotation: the lines before the last one's split would be deleted unread
                final int next = lines - split;
                dropBefore(split);
                split = next;
                replaces = true;
            } else {
                split = lines;
            }
            fileEvents = 0;
            fileBytes = 0;
        }
        if (used + length > bytes.length) {
            bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, used + length));
        }
        if (lines == ends.length) {
            ends = Arrays.copyOf(ends, lines * 2);
        }
        System.arraycopy(line, offset, bytes, used, length);
        used += length;
        ends[lines++] = used;
        fileEvents++;
        fileBytes += length;
    }

    private void dropBefore(int i) {
        final int from = start(i);
        System.arraycopy(bytes, from, bytes, 0, used - from);
        used -= from;
        for (int j = i; j < lines; j++) {
            ends[j - i] = ends[j] - from;
        }
        lines -= i;
    }

    /**
     * Writes the pending lines into {@code dir}'s files and forgets them. At a rotation the old {@code previous.jsonl}
     * goes first, then {@code current.jsonl} is renamed to it: a rename over an existing file makes ext4 write the
     * renamed file's data out at once (its guard for "replace by rename"); a file deleted before the kernel writes it
     * back costs no disk I/O. A crash in between leaves {@code current.jsonl}.
     */
    void writeTo(Path dir, String current, String previous) throws IOException {
        try {
            final Path currentFile = dir.resolve(current);
            if (split < 0) {
                append(currentFile, 0, used);
                return;
            }
            final Path previousFile = dir.resolve(previous);
            if (replaces) { // both files are replaced: the lines before the split make the new previous one
                Files.deleteIfExists(currentFile);
            }
            if (split > 0) {
                append(currentFile, 0, start(split));
            }
            Files.deleteIfExists(previousFile);
            if (Files.exists(currentFile)) {
                Files.move(currentFile, previousFile, StandardCopyOption.ATOMIC_MOVE);
            }
            append(currentFile, start(split), used);
        } finally {
            used = 0;
            lines = 0;
            split = -1;
            replaces = false;
        }
    }

    private void append(Path file, int from, int to) throws IOException {
        try (OutputStream out = Files.newOutputStream(file, StandardOpenOption.CREATE, StandardOpenOption.APPEND)) {
            out.write(bytes, from, to - from);
        }
    }
}
