package dev.slipway.runtime.python;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * The worker script and the minimal {@code seldon_core} package, extracted from this jar into a private
 * temporary folder when a model starts (deleted when it stops).
 */
final class WorkerFiles implements AutoCloseable {

    private static final String BASE = "/dev/slipway/runtime/python/worker/";
    private static final List<String> FILES = List.of(
            "slipway_worker.py",
            "shim/seldon_core/__init__.py",
            "shim/seldon_core/version.py",
            "shim/seldon_core/storage.py",
            "shim/seldon_core/flask_utils.py",
            "shim/seldon_core/user_model.py",
            "shim/seldon_core/metrics.py");

    private final Path root;

    private WorkerFiles(Path root) {
        this.root = root;
    }

    static WorkerFiles extract() {
        try {
            Path root = Files.createTempDirectory("slipway-python-");
            for (String name : FILES) {
                Path target = root.resolve(name);
                Files.createDirectories(target.getParent());
                try (InputStream in = WorkerFiles.class.getResourceAsStream(BASE + name)) {
                    if (in == null) {
                        throw new IllegalStateException(
                                "resource " + BASE + name + " is missing from the PYTHON runtime's jar");
                    }
                    Files.copy(in, target);
                }
            }
            return new WorkerFiles(root);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot extract the Python worker script: " + e.getMessage(), e);
        }
    }

    Path script() {
        return root.resolve("slipway_worker.py");
    }

    /** The folder that holds the minimal {@code seldon_core} (appended to the path only when no real one imports). */
    Path shim() {
        return root.resolve("shim");
    }

    @Override
    public void close() {
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            // a temporary folder left behind is harmless; say so without failing the shutdown
            System.getLogger(WorkerFiles.class.getName()).log(System.Logger.Level.DEBUG, "cannot delete " + root, e);
        }
    }
}
