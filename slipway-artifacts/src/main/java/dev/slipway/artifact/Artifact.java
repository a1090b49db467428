package dev.slipway.artifact;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A published artifact: a name and version bound, once and for ever, to an OCI image manifest digest.
 *
 * @param ref name and version
 * @param digest the image manifest's digest ({@code sha256:…}): the artifact's identity
 * @param config the image config's digest
 * @param layers the layers, in order
 * @param size total bytes of manifest, config and layers
 * @param labels the image config's labels
 * @param entrypoint the image config's entrypoint
 * @param published when the name and version were first bound
 */
public record Artifact(
        ArtifactRef ref,
        String digest,
        Descriptor config,
        List<Descriptor> layers,
        long size,
        Map<String, String> labels,
        List<String> entrypoint,
        Instant published) {

    /** A blob of the image: media type, digest ({@code sha256:…}) and size. */
    public record Descriptor(String mediaType, String digest, long size) {
        public Descriptor {
            Objects.requireNonNull(mediaType, "mediaType");
            Objects.requireNonNull(digest, "digest");
        }

        /** The digest's hex part. */
        public String hex() {
            return digest.substring(digest.indexOf(':') + 1);
        }
    }

    public Artifact {
        Objects.requireNonNull(ref, "ref");
        Objects.requireNonNull(digest, "digest");
        Objects.requireNonNull(config, "config");
        layers = List.copyOf(layers);
        labels = Map.copyOf(labels);
        entrypoint = List.copyOf(entrypoint);
        Objects.requireNonNull(published, "published");
    }

    /** The Model class the image serves ({@link ServerImageBuilder#MODEL_CLASS_LABEL}). */
    public Optional<String> modelClass() {
        return Optional.ofNullable(labels.get(ServerImageBuilder.MODEL_CLASS_LABEL));
    }

    /**
     * For a Python model server ({@link ServerImageBuilder#buildPython}): the class its label names, or an empty
     * string when the class is found at start; empty for a Java server.
     */
    public Optional<String> pythonClass() {
        return Optional.ofNullable(labels.get(ServerImageBuilder.PYTHON_CLASS_LABEL));
    }

    /** The main class of a server that brings its own ({@link ServerImageBuilder#MAIN_CLASS_LABEL}). */
    public Optional<String> mainClass() {
        return Optional.ofNullable(labels.get(ServerImageBuilder.MAIN_CLASS_LABEL));
    }

    /** The digest's hex part. */
    public String hex() {
        return digest.substring(digest.indexOf(':') + 1);
    }
}
