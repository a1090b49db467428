package dev.slipway.storage;

import java.net.URI;
import java.nio.file.Path;

/**
 * One remote URI scheme ({@code http}, {@code s3}, {@code gs}, …): copies what a URI names into a fresh
 * staging folder, unless the copy made before is still current.
 *
 * <p>Implementations are stateless apart from their configuration and may be called concurrently for
 * different URIs; {@link DigestCache} serialises calls for one URI.
 */
public interface Storage {

    /** The URI schemes this storage serves, lower case. */
    java.util.Set<String> schemes();

    /**
     * Fetches {@code uri} into {@code staging} (an existing, empty folder) unless {@code previousVersion}
     * is still current.
     *
     * @param uri the model URI
     * @param previousVersion the {@link Fetched#version()} of the copy in the cache, or null
     * @param staging where to write the files (relative paths kept; a single object under its file name)
     * @param budget the byte and file limits, and the deadline, to charge every write against
     * @return {@link Fetched#notModified()} when the previous copy is current, else what was written
     * @throws StorageException naming the URI and the reason
     */
    Fetched fetch(URI uri, String previousVersion, Path staging, Budget budget) throws StorageException;

    /**
     * The outcome of a fetch.
     *
     * @param version an opaque identity of the remote content (ETags, generations or a digest); null
     *     only when not modified
     * @param singleObject true when the URI named one object (which may be an archive to unpack)
     */
    record Fetched(String version, boolean singleObject) {
        private static final Fetched NOT_MODIFIED = new Fetched(null, false);

        /** The previous copy is still current: nothing was written. */
        public static Fetched notModified() {
            return NOT_MODIFIED;
        }

        public boolean isNotModified() {
            return version == null;
        }
    }
}
