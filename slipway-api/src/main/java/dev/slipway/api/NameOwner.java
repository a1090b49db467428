package dev.slipway.api;

/**
 * Who owns a shared name ({@code GET /api/v1/owners}; the body and answer of {@code PUT /api/v1/owners/KEY}, an admin's
 * transfer): the first repository whose run promoted a deployment name into an environment
 * ({@code deployment/ENV/NAME}) or registered a custom server ({@code server/NAME}).
 *
 * @param key {@code deployment/ENV/NAME} or {@code server/NAME} (ignored in a request body: the URL names it)
 * @param repository a hosted repository's name, or the URL of another one
 */
public record NameOwner(String key, String repository) {}
