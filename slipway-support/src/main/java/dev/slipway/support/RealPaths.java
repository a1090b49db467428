package dev.slipway.support;

import java.io.IOException;
import java.nio.file.Path;

/**
 * The one way to decide whether a path lies under an allowed folder: compare real paths (links resolved), never
 * paths as written, so a link inside an allowed folder that points out of it is outside. Used by the control plane's
 * check of applied deployments and by the model server's own check of the same URIs: both must agree.
 */
public final class RealPaths {

    private RealPaths() {}

    /**
     * {@code path} made absolute and normalized, with every link resolved as far as the path exists; the missing
     * rest is appended as written (it cannot be a link yet).
     */
    public static Path of(Path path) {
        final Path abs = path.toAbsolutePath().normalize();
        try {
            return abs.toRealPath();
        } catch (IOException e) {
            final Path parent = abs.getParent();
            final Path name = abs.getFileName();
            return parent == null || name == null ? abs : of(parent).resolve(name);
        }
    }

    /** True when {@code path}, links resolved, is {@code root} (links resolved) or lies under it. */
    public static boolean under(Path path, Path root) {
        return of(path).startsWith(of(root));
    }
}
