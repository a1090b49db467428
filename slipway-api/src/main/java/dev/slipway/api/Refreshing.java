package dev.slipway.api;

/**
 * The answer to {@code POST /api/v1/gitops/refresh} (202): the sync controller reconciles now.
 *
 * @param refreshing always true
 */
public record Refreshing(boolean refreshing) {}
