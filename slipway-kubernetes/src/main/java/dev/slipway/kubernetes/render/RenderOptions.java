package dev.slipway.kubernetes.render;

import java.util.Objects;

/**
 * What rendering needs beyond the SeldonDeployment.
 *
 * @param mode native objects or the SeldonDeployment resource
 * @param namespace the namespace every object is placed in (the manifest's own is replaced)
 * @param serverImage the image holding Slipway's distribution (model server and gateway), with {@code java} on the
 *     path and the jars under {@code /app/lib}; prepackaged servers and the gateway run it
 */
public record RenderOptions(RenderMode mode, String namespace, String serverImage) {

    /** The image {@code slipway render} names when {@code --server-image} is not given. */
    public static final String DEFAULT_SERVER_IMAGE = "slipway/server:0.1.0";

    public RenderOptions {
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(namespace, "namespace");
        Objects.requireNonNull(serverImage, "serverImage");
    }
}
