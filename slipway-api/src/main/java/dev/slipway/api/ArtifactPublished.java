package dev.slipway.api;

/**
 * The answer to {@code PUT /api/v1/artifacts/{name}/{version}}: 201 {@code created}, 200 {@code unchanged}.
 *
 * @param outcome {@code created} or {@code unchanged}
 * @param artifact what is published under that reference
 */
public record ArtifactPublished(String outcome, ArtifactInfo artifact) {}
