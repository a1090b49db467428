package dev.slipway.api;

/**
 * The body of {@code POST /api/v1/environments/{env}/rollback}.
 *
 * @param to the revision to restore the environment's folder to
 * @param user who rolls back
 */
public record RollbackRequest(String to, String user) {}
