package dev.slipway.api;

/**
 * The answer to {@code POST /api/v1/pipelines/runs/{id}/cancel} (202): the run's runner was asked to stop it.
 *
 * @param id the run
 * @param cancelling always true
 */
public record RunCancellation(String id, boolean cancelling) {}
