package dev.slipway.api;

import java.time.Instant;

/**
 * One change of an environment's folder on main ({@code GET /api/v1/environments/{env}/history}, newest first).
 *
 * @param revision the commit
 * @param time when it was committed
 * @param action the commit message's action ({@code promote}, {@code rollback}, …)
 * @param message its message
 * @param author who made the change
 * @param approvedBy who approved it, or empty
 * @param syncedAt when the sync controller applied it, or null
 */
public record HistoryEntry(
        String revision,
        Instant time,
        String action,
        String message,
        String author,
        String approvedBy,
        Instant syncedAt) {}
