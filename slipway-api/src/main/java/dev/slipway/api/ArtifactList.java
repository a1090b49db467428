package dev.slipway.api;

import java.util.List;

/**
 * {@code GET /api/v1/artifacts}: every published artifact.
 *
 * @param artifacts by name, then publication time
 */
public record ArtifactList(List<ArtifactInfo> artifacts) {

    public ArtifactList {
        artifacts = artifacts == null ? List.of() : List.copyOf(artifacts);
    }
}
