package dev.slipway.serving.model;

import dev.slipway.model.Parameters;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * Where a model comes from: a runtime by implementation name (e.g. {@code SKLEARN_SERVER}) or a custom
 * {@link dev.slipway.model.Model} class on extra jars, plus its model URI and parameters.
 *
 * @param name the model's name (graph node name); used in v2 paths and metrics
 * @param implementation the runtime's implementation name, or null when {@code className} is given
 * @param className a custom model class (public, with a no-argument constructor), or null
 * @param classpath extra jars or folders for {@code className} or for runtimes outside the server
 * @param modelUri the model's URI, or null when the model needs none
 * @param parameters the model's parameters
 */
public record ModelSource(
        String name,
        String implementation,
        String className,
        List<Path> classpath,
        String modelUri,
        Parameters parameters) {

    public ModelSource {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(parameters, "parameters");
        classpath = List.copyOf(classpath);
        if ((implementation == null) == (className == null)) {
            throw new IllegalArgumentException("give exactly one of an implementation name or a model class");
        }
    }

    /** A prepackaged runtime with a model URI. */
    public static ModelSource runtime(String name, String implementation, String modelUri, Parameters parameters) {
        return new ModelSource(name, implementation, null, List.of(), modelUri, parameters);
    }

    /** A custom model class on extra jars. */
    public static ModelSource custom(
            String name, String className, List<Path> classpath, String modelUri, Parameters parameters) {
        return new ModelSource(name, null, className, classpath, modelUri, parameters);
    }

    /** What the source is, for messages: the implementation name or the class name. */
    public String describe() {
        return implementation != null ? implementation : className;
    }
}
