package dev.slipway.api;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A published artifact (an OCI image of a custom server): {@code GET /api/v1/artifacts/{name}/{version}}.
 *
 * @param name its name (may hold {@code /})
 * @param version its version
 * @param digest the manifest's digest ({@code sha256:…})
 * @param config the image config blob
 * @param layers its layers
 * @param size the total size in bytes
 * @param labels the image's labels (the model or main class among them)
 * @param entrypoint the image's entrypoint
 * @param published when it was published
 */
public record ArtifactInfo(
        String name,
        String version,
        String digest,
        Blob config,
        List<Blob> layers,
        long size,
        Map<String, String> labels,
        List<String> entrypoint,
        Instant published) {

    public ArtifactInfo {
        layers = layers == null ? List.of() : List.copyOf(layers);
        labels = labels == null
                ? Map.of()
                : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(labels));
        entrypoint = entrypoint == null ? List.of() : List.copyOf(entrypoint);
    }

    /**
     * A blob of the image.
     *
     * @param mediaType its media type
     * @param digest its digest
     * @param size its size in bytes
     */
    public record Blob(String mediaType, String digest, long size) {}
}
