package dev.slipway.gitops.testing;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Bounded waits for conditions that become true asynchronously (readiness, restarts). */
public final class Await {

    private Await() {}

    /** Polls {@code condition} until it holds, failing with {@code what} after {@code timeout}. */
    public static void until(String what, Duration timeout, BooleanSupplier condition) {
        final long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out after " + timeout.toSeconds() + " s waiting for: " + what);
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted waiting for: " + what);
            }
        }
    }
}
