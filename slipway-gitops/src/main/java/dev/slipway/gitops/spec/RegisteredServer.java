package dev.slipway.gitops.spec;

import java.util.Objects;

/**
 * A reusable custom server registered under an implementation name (an entry of {@code servers.yaml}, the
 * counterpart of Seldon's {@code predictor_servers}): a deployment saying {@code implementation: NAME} runs
 * {@code image} with {@code modelClass} and its own {@code modelUri}.
 *
 * @param name the implementation name ({@code IMAGE_CLASSIFIER})
 * @param image the artifact reference {@code NAME:VERSION}
 * @param modelClass the {@code dev.slipway.model.Model} class, or null to use the image's label
 */
public record RegisteredServer(String name, String image, String modelClass) {

    public RegisteredServer {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(image, "image");
    }
}
