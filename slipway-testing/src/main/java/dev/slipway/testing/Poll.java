package dev.slipway.testing;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.function.Supplier;

/** Waiting in tests for something a background process does, bounded by a deadline (never a fixed sleep). */
public final class Poll {

    private Poll() {}

    /**
     * The value {@code probe} gives once it is non-null and not {@code false}, asking every 100 ms for up to
     * {@code limit}; an exception or assertion error of the probe counts as "not yet".
     *
     * @param context what to add to the failure (e.g. a process's output)
     * @throws AssertionError naming {@code what}, the limit, the context and the probe's last failure
     */
    public static <T> T until(String what, Duration limit, Callable<T> probe, Supplier<String> context)
            throws InterruptedException {
        final long deadline = System.nanoTime() + limit.toNanos();
        Throwable last = null;
        while (System.nanoTime() < deadline) {
            try {
                final T value = probe.call();
                if (value != null && !Boolean.FALSE.equals(value)) {
                    return value;
                }
            } catch (Exception | AssertionError e) {
                last = e;
            }
            Thread.sleep(100); // bounded by the deadline
        }
        throw new AssertionError(what + " within " + limit.toSeconds() + " s" + context.get(), last);
    }
}
