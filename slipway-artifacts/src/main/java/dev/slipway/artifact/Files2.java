package dev.slipway.artifact;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Folder listing and tree deletion (atomic writes are {@link dev.slipway.support.AtomicFiles}). */
final class Files2 {

    private static final Logger LOG = LoggerFactory.getLogger(Files2.class);

    private Files2() {}

    /** Whether the folder {@code dir} has no entry (the listing is closed again). */
    static boolean isEmptyFolder(Path dir) throws IOException {
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.findAny().isEmpty();
        }
    }

    /** Deletes {@code root} and everything below it; quietly does nothing for null or a missing path. */
    static void deleteTree(@Nullable Path root) {
        if (root == null || !Files.exists(root)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(root)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException e) {
                    LOG.debug("cannot delete {} (best effort)", p, e);
                }
            });
        } catch (IOException e) {
            LOG.debug("cannot walk {} to delete it (best effort)", root, e);
        }
    }
}
