package dev.slipway.serving.pack;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Where a packed server may load models from: local folders under its roots only. The load API is an HTTP call,
 * so every spelling of a path is resolved to the real file (symbolic links followed, {@code ..} removed) before
 * it is compared with the roots' real paths; remote URIs are refused (a packed server hosts local replicas).
 * A refusal names the URI, never what is there.
 */
final class LocalModelRoots {

    private final List<Path> roots;

    LocalModelRoots(List<Path> roots) {
        this.roots = roots.stream().map(LocalModelRoots::real).toList();
    }

    /**
     * The real path of {@code uri}.
     *
     * @throws IllegalArgumentException naming {@code field} when it is remote, missing or outside the roots
     */
    Path check(String field, String uri) {
        final String u = uri.trim();
        final Path path;
        try {
            if (u.toLowerCase(Locale.ROOT).startsWith("file:")) {
                path = Path.of(URI.create(u.startsWith("file://") ? u : "file://" + u.substring(5)));
            } else if (u.matches("^[A-Za-z][A-Za-z0-9+.-]*:.*")) {
                throw new IllegalArgumentException(field + " '" + uri + "': a packed server loads local models only");
            } else {
                path = Path.of(u);
            }
        } catch (IllegalArgumentException e) {
            if (e.getMessage() != null && e.getMessage().startsWith(field)) {
                throw e;
            }
            throw new IllegalArgumentException(field + " '" + uri + "' is not a valid URI or path");
        }
        final Path real;
        try {
            real = path.toAbsolutePath().toRealPath();
        } catch (IOException e) {
            throw new IllegalArgumentException(field + " '" + uri + "' is not a model this server may load");
        }
        if (roots.stream().noneMatch(real::startsWith)) {
            throw new IllegalArgumentException(field + " '" + uri + "' is not a model this server may load");
        }
        return real;
    }

    private static Path real(Path root) {
        try {
            return root.toAbsolutePath().toRealPath();
        } catch (IOException e) {
            return root.toAbsolutePath().normalize();
        }
    }
}
