package dev.slipway.pipeline.trigger;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Webhook delivery ids seen in the last {@code window} (at most {@code capacity}, oldest forgotten first):
 * a delivery replayed within the window is refused. Older replays are caught by the run history (a commit
 * that already ran on its branch does not run again).
 */
public final class DeliveryLog {

    private final Clock clock;
    private final Duration window;
    private final int capacity;
    private final LinkedHashMap<String, Instant> seen = new LinkedHashMap<>();

    public DeliveryLog(Clock clock, Duration window, int capacity) {
        this.clock = clock;
        this.window = window;
        this.capacity = capacity;
    }

    /** Records {@code id}; false when it was seen within the window (a replay). Blank ids are never replays. */
    public synchronized boolean firstTime(String id) {
        if (id == null || id.isBlank()) {
            return true;
        }
        Instant now = clock.instant();
        for (Iterator<Map.Entry<String, Instant>> it = seen.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<String, Instant> e = it.next();
            if (e.getValue().plus(window).isBefore(now) || seen.size() > capacity) {
                it.remove();
            } else {
                break;
            }
        }
        if (seen.containsKey(id)) {
            return false;
        }
        seen.put(id, now);
        return true;
    }
}
