package dev.slipway.model;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/** Finds the model file in a model folder, as Seldon's prepackaged servers do. */
public final class ModelFiles {

    private ModelFiles() {}

    /**
     * The model file: {@code dirOrFile} itself when it is a file; else the first of {@code wellKnown} in it; else
     * the only file in it whose name ends with one of {@code extensions} (in any case).
     *
     * @param kind what the file holds, for errors ({@code "ONNX"}: "no ONNX model in …")
     * @throws ModelException.LoadFailure when the folder cannot be listed, or holds no such file or several
     */
    public static Path find(Path dirOrFile, List<String> wellKnown, List<String> extensions, String kind) {
        if (Files.isRegularFile(dirOrFile)) {
            return dirOrFile;
        }
        for (String name : wellKnown) {
            Path p = dirOrFile.resolve(name);
            if (Files.isRegularFile(p)) {
                return p;
            }
        }
        List<Path> candidates;
        try (Stream<Path> s = Files.list(dirOrFile)) {
            candidates = s.filter(f -> Files.isRegularFile(f) && endsWithAny(f, extensions))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new ModelException.LoadFailure(
                    "cannot list the model folder " + dirOrFile + ": " + e.getMessage(), e);
        }
        if (candidates.size() == 1) {
            return candidates.get(0);
        }
        String names = String.join(", ", wellKnown);
        throw new ModelException.LoadFailure(
                candidates.isEmpty()
                        ? "no " + kind + " model in " + dirOrFile + " (expected " + names + " or a single *"
                                + String.join(", *", extensions) + " file)"
                        : "several " + kind + " files in " + dirOrFile + " "
                                + candidates.stream()
                                        .map(f -> f.getFileName().toString())
                                        .toList() + " and none is named " + names);
    }

    private static boolean endsWithAny(Path file, List<String> extensions) {
        String n = file.getFileName().toString().toLowerCase(Locale.ROOT);
        return extensions.stream().anyMatch(n::endsWith);
    }
}
