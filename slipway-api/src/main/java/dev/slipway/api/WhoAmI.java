package dev.slipway.api;

/**
 * {@code GET /api/v1/whoami}: whom the caller's token belongs to (the web console asks it when a user signs in).
 *
 * @param auth true when the API requires tokens ({@code slipway up --auth})
 * @param user the token's user, or null without authentication
 * @param role {@code developer}, {@code approver} or {@code admin}, or null without authentication
 */
public record WhoAmI(boolean auth, String user, String role) {}
