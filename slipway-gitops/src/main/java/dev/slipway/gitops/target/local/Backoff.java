package dev.slipway.gitops.target.local;

import java.time.Duration;

/**
 * Exponential restart delays: {@code initial × 2^(failures-1)}, capped at {@code max}.
 *
 * @param initial the first delay
 * @param max the longest delay
 */
public record Backoff(Duration initial, Duration max) {

    /** The delay before restart number {@code failures} (1-based). */
    public Duration delay(int failures) {
        final int shift = Math.min(Math.max(failures - 1, 0), 20);
        final long millis = Math.min(initial.toMillis() << shift, max.toMillis());
        return Duration.ofMillis(millis);
    }
}
