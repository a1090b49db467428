package dev.slipway.artifact;

/** Where an {@link ImageResolver} gets an artifact its own store lacks (e.g. the store of {@code slipway up}). */
@FunctionalInterface
public interface ArtifactSource {

    /**
     * Copies {@code ref} into {@code store}; false when this source does not have it.
     *
     * @throws ArtifactException when the source cannot be read
     */
    boolean fetchInto(ArtifactRef ref, ArtifactStore store);
}
