package dev.slipway.runtime.sklearn;

import dev.slipway.model.ModelException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Finds the model file in a model folder as Seldon's SKLEARN_SERVER does. */
final class ModelFiles {

    /** The names looked for, in order. */
    static final List<String> NAMES = List.of("model.joblib", "model.pkl", "model.pickle");

    private ModelFiles() {}

    /**
     * The model file: {@code location} itself when it is a file, else the first of {@link #NAMES} in it.
     *
     * @throws ModelException.LoadFailure naming the folder and the names looked for when there is none
     */
    static Path find(Path location) {
        if (Files.isRegularFile(location)) {
            return location;
        }
        if (!Files.isDirectory(location)) {
            throw new ModelException.LoadFailure("model location " + location + " does not exist");
        }
        for (String n : NAMES) {
            Path p = location.resolve(n);
            if (Files.isRegularFile(p)) {
                return p;
            }
        }
        throw new ModelException.LoadFailure(
                "no scikit-learn model in " + location + " (looked for " + String.join(", ", NAMES) + ")");
    }
}
