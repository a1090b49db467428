package dev.slipway.pipeline.run;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** Run ids: UTC time to the millisecond plus a random suffix, so they sort by creation and never collide. */
final class RunIds {

    private static final DateTimeFormatter FORMAT =
            DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss-SSS").withZone(ZoneOffset.UTC);
    private static final SecureRandom RANDOM = new SecureRandom();

    private RunIds() {}

    static String next(Clock clock) {
        return FORMAT.format(clock.instant()) + "-" + String.format("%04x", RANDOM.nextInt(0x10000));
    }
}
