package dev.slipway.storage;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;

/** Resolves names that come from archives and bucket listings strictly inside a folder. */
final class SafePaths {

    private SafePaths() {}

    /**
     * {@code root/name}, refusing absolute names, drive letters, {@code ..} segments and anything that
     * would land outside {@code root}.
     */
    static Path resolveInside(Path root, String name, String uri) throws StorageException {
        String n = name.replace('\\', '/');
        if (n.isEmpty() || n.startsWith("/") || n.matches("^[A-Za-z]:.*") || n.indexOf('\0') >= 0) {
            throw refused(uri, name, "an absolute or empty path");
        }
        for (String segment : n.split("/")) {
            if (segment.equals("..")) {
                throw refused(uri, name, "a '..' segment");
            }
        }
        Path resolved;
        try {
            resolved = root.resolve(n).normalize();
        } catch (InvalidPathException e) {
            throw refused(uri, name, "an invalid path");
        }
        if (!resolved.startsWith(root.normalize()) || resolved.equals(root.normalize())) {
            throw refused(uri, name, "a path outside the model folder");
        }
        return resolved;
    }

    static StorageException refused(String uri, String name, String why) {
        return new StorageException(
                StorageException.Reason.REFUSED, "model URI '" + uri + "': refused entry '" + name + "': " + why);
    }
}
