package dev.slipway.api;

/**
 * {@code GET /api/v1/pipelines/token}: the run a step's run-scoped token ({@code SLIPWAY_TOKEN}) belongs to.
 *
 * @param run the run's id
 */
public record RunOfToken(String run) {}
