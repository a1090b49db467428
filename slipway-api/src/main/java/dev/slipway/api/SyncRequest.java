package dev.slipway.api;

/**
 * The body of {@code POST /api/v1/environments/{env}/sync}: reconcile now (fetching first); answered with the
 * environment's status after that pass.
 *
 * @param application one application to put back at once (a drifted one is re-applied without waiting for the
 *     self-heal delay), or null for the whole environment
 */
public record SyncRequest(String application) {}
