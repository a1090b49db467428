package dev.slipway.storage;

import java.net.URI;

/** The bucket and key prefix of an {@code s3://} or {@code gs://} URI. */
record BucketPath(String bucket, String prefix) {

    static BucketPath parse(URI uri, String modelUri) throws StorageException {
        String authority = uri.getRawAuthority();
        if (authority == null || authority.isBlank()) {
            throw new StorageException(
                    StorageException.Reason.REFUSED,
                    "model URI '" + modelUri + "' names no bucket (expected scheme://bucket/prefix)");
        }
        String path = uri.getPath() == null ? "" : uri.getPath();
        while (path.startsWith("/")) {
            path = path.substring(1);
        }
        return new BucketPath(authority, path);
    }

    /** True when {@code key} lies under the prefix as a folder (not merely sharing its first characters). */
    boolean contains(String key) {
        if (prefix.isEmpty() || prefix.endsWith("/")) {
            return key.startsWith(prefix);
        }
        return key.startsWith(prefix + "/");
    }

    /** The path of {@code key} below the prefix. */
    String relative(String key) {
        String rel = key.substring(prefix.length());
        while (rel.startsWith("/")) {
            rel = rel.substring(1);
        }
        return rel;
    }

    /** The last segment of the prefix: the file name of a single object. */
    String fileName() {
        String p = prefix.endsWith("/") ? prefix.substring(0, prefix.length() - 1) : prefix;
        return p.substring(p.lastIndexOf('/') + 1);
    }
}
