package dev.slipway.artifact;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * An artifact ready to run: its files extracted into a folder, and the jars of its {@link ServerImageBuilder#LIB}.
 *
 * @param artifact the artifact
 * @param root the extracted image's root folder
 * @param classpath the jars under {@code /app/lib}, in name order
 */
public record ResolvedImage(Artifact artifact, Path root, List<Path> classpath) {

    public ResolvedImage {
        Objects.requireNonNull(artifact, "artifact");
        Objects.requireNonNull(root, "root");
        classpath = List.copyOf(classpath);
    }

    /** The folder of a Python model server's modules ({@link ServerImageBuilder#PYTHON}), when this image is one. */
    public java.util.Optional<Path> pythonDir() {
        return artifact.pythonClass().map(c -> root.resolve(ServerImageBuilder.PYTHON.substring(1)));
    }

    /** The classpath as one {@code :}-separated string. */
    public String classpathString() {
        return String.join(
                java.io.File.pathSeparator,
                classpath.stream().map(Path::toString).toList());
    }
}
