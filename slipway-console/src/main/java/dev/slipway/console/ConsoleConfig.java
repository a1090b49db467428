package dev.slipway.console;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * What the console needs to know about the control plane it is served by.
 *
 * @param auth true when the API requires tokens ({@code slipway up --auth}): the console then asks to sign in
 * @param api the base URL of the REST API the console calls (e.g. {@code http://127.0.0.1:8080}); known once it listens
 * @param gateway the base URL of the gateway the try-it box and the charts use
 * @param sample how often the gateway's metrics are sampled for the charts (they show the last 15 minutes)
 * @param clock the clock of sessions and samples
 * @param data the data folder of {@code slipway up} (sessions that survive a restart, one-time sign-in links), or
 *     null to keep sessions in memory only and refuse sign-in links
 */
public record ConsoleConfig(
        boolean auth,
        Supplier<String> api,
        Supplier<String> gateway,
        Duration sample,
        Clock clock,
        @Nullable Path data) {

    public ConsoleConfig {
        Objects.requireNonNull(api, "api");
        Objects.requireNonNull(gateway, "gateway");
        Objects.requireNonNull(sample, "sample");
        Objects.requireNonNull(clock, "clock");
    }

    /** Defaults: samples every 10 seconds, the system clock. */
    public static ConsoleConfig of(boolean auth, Supplier<String> api, Supplier<String> gateway) {
        return new ConsoleConfig(auth, api, gateway, Duration.ofSeconds(10), Clock.systemUTC(), null);
    }

    /** This configuration with the data folder {@code data}. */
    public ConsoleConfig withData(Path data) {
        return new ConsoleConfig(auth, api, gateway, sample, clock, Objects.requireNonNull(data, "data"));
    }

    /** Where sessions are kept across restarts, or null. */
    @Nullable
    Path sessionsFile() {
        return data == null ? null : data.resolve("auth").resolve("console-sessions.json");
    }
}
