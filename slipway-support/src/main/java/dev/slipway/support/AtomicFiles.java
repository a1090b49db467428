package dev.slipway.support;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one way to replace a file so that readers (and a crash) see either the old content or the whole new content:
 * write a temporary file in the same folder, fsync it, rename it over the target atomically, fsync the folder.
 */
public final class AtomicFiles {

    private static final Logger LOG = LoggerFactory.getLogger(AtomicFiles.class);

    /** Owner read and write only: for tokens, keys and credentials. */
    public static final Set<PosixFilePermission> PRIVATE =
            Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);

    /** Writes the content of a file to a stream. */
    @FunctionalInterface
    public interface Content {
        void writeTo(OutputStream out) throws IOException;
    }

    private AtomicFiles() {}

    /** Replaces {@code target} with {@code bytes}, creating its folder when missing. */
    public static void write(Path target, byte[] bytes) throws IOException {
        write(target, out -> out.write(bytes), null);
    }

    /** Replaces {@code target} with {@code text} in UTF-8. */
    public static void writeString(Path target, String text) throws IOException {
        write(target, text.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Replaces {@code target} with {@code bytes}; on a POSIX file system the file has {@code permissions} from the
     * moment it exists (so a secret is never readable by others, not even as the temporary file).
     */
    public static void write(Path target, byte[] bytes, Set<PosixFilePermission> permissions) throws IOException {
        write(target, out -> out.write(bytes), permissions);
    }

    /** Replaces {@code target} with what {@code content} writes; permissions as above when not null. */
    public static void write(Path target, Content content, @Nullable Set<PosixFilePermission> permissions)
            throws IOException {
        Objects.requireNonNull(content, "content");
        final Path absolute = target.toAbsolutePath();
        final Path dir = Objects.requireNonNull(absolute.getParent(), "target has no folder");
        Files.createDirectories(dir);
        final Path tmp = Files.createTempFile(dir, "." + absolute.getFileName(), ".tmp");
        try {
            if (permissions != null && isPosix()) {
                Files.setPosixFilePermissions(tmp, permissions);
            }
            try (FileChannel channel =
                    FileChannel.open(tmp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
                final OutputStream out = Channels.newOutputStream(channel);
                content.writeTo(out);
                out.flush();
                channel.force(true);
            }
            move(tmp, absolute);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /**
     * Renames {@code from} to {@code to} (a file or a folder) atomically, replacing a file at {@code to}, then syncs
     * the folder so the rename itself survives a crash. Where the file system cannot rename atomically, a plain
     * rename is used (logged at debug).
     */
    public static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            LOG.debug("atomic rename not supported for {} -> {}; renaming plainly", from, to, e);
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
        final Path parent = to.toAbsolutePath().getParent();
        if (parent != null) {
            fsyncDirectory(parent);
        }
    }

    /** Flushes a folder's entries to disk; file systems that cannot open a folder are skipped (logged at debug). */
    public static void fsyncDirectory(Path dir) {
        try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException e) {
            LOG.debug("cannot sync folder {} (the file system does not support it)", dir, e);
        }
    }

    /** Flushes a file's content to disk (before renaming it into place). */
    public static void fsync(Path file) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
            channel.force(true);
        }
    }

    /** Deletes a temporary folder and everything in it; what cannot be deleted is logged (a temp folder is not state). */
    public static void deleteTree(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try (java.util.stream.Stream<Path> walk = Files.walk(root)) {
            walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException e) {
                    LOG.warn("cannot delete {}: {}", p, e.toString());
                }
            });
        } catch (IOException e) {
            LOG.warn("cannot delete {}: {}", root, e.toString());
        }
    }

    private static boolean isPosix() {
        return FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
    }
}
