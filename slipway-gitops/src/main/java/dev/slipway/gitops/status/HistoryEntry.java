package dev.slipway.gitops.status;

import java.time.Instant;

/**
 * One change of an environment's folder on main.
 *
 * @param revision the commit
 * @param time when it was committed
 * @param action the structured message's action
 * @param message its message
 * @param author who made the change
 * @param approvedBy the {@code Approved-by} trailer, or empty
 * @param syncedAt when the sync controller applied it, or null (not known, or skipped)
 */
public record HistoryEntry(
        String revision,
        Instant time,
        String action,
        String message,
        String author,
        String approvedBy,
        Instant syncedAt) {}
