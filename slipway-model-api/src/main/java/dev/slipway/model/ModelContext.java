package dev.slipway.model;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * What a model is loaded from: its name, the folder its artifacts were fetched into (already local), the
 * URI they came from, its parameters, and the other runtimes (so a runtime such as MLflow's can delegate).
 *
 * @param name the model's name (a graph node's name, or the name given to the server)
 * @param modelDir the local folder (or single file) holding the artifacts; null when the model has none
 * @param modelUri the URI the artifacts were fetched from, as the user wrote it; null when none
 * @param parameters the model's parameters
 * @param runtimes the runtimes this server knows
 */
public record ModelContext(
        String name, Path modelDir, String modelUri, Parameters parameters, ModelFactories runtimes) {

    public ModelContext {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(parameters, "parameters");
        Objects.requireNonNull(runtimes, "runtimes");
    }

    /** The artifact folder, or a {@link ModelException.LoadFailure} saying that this model needs one. */
    public Path requireModelDir() {
        if (modelDir == null) {
            throw new ModelException.LoadFailure("model '" + name + "' needs a model URI but none was given");
        }
        return modelDir;
    }

    /** The artifact folder when there is one. */
    public Optional<Path> modelDirIfAny() {
        return Optional.ofNullable(modelDir);
    }

    /** A copy of this context for another folder and parameters (for runtimes that delegate). */
    public ModelContext with(Path otherDir, Parameters otherParameters) {
        return new ModelContext(name, otherDir, modelUri, otherParameters, runtimes);
    }
}
