package dev.slipway.serving.model;

import dev.slipway.model.Model;
import dev.slipway.model.ModelMetadata;
import java.util.Objects;

/**
 * A model that has been loaded and can serve.
 *
 * @param name the model's name
 * @param implementation the implementation name or class it was made from
 * @param model the model
 * @param metadata what it said of itself at load time
 * @param classLoader the class loader that holds custom jars (closed with the model), or null
 */
public record LoadedModel(
        String name, String implementation, Model model, ModelMetadata metadata, AutoCloseable classLoader)
        implements AutoCloseable {

    public LoadedModel {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(metadata, "metadata");
    }

    @Override
    public void close() throws Exception {
        try {
            model.close();
        } finally {
            if (classLoader != null) {
                classLoader.close();
            }
        }
    }
}
