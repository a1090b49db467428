package dev.slipway.console;

import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * What the console needs to know about the control plane it is served by.
 *
 * @param auth true when the API requires tokens ({@code slipway up --auth}): the console then asks to sign in
 * @param api the base URL of the REST API the console calls (e.g. {@code http://127.0.0.1:8080}); known once it listens
 * @param gateway the base URL of the gateway the try-it box and the charts use
 * @param sample how often the gateway's metrics are sampled for the charts (they show the last 15 minutes)
 * @param clock the clock of sessions and samples
 */
public record ConsoleConfig(boolean auth, Supplier<String> api, Supplier<String> gateway, Duration sample, Clock clock) {

  public ConsoleConfig {
    Objects.requireNonNull(api, "api");
    Objects.requireNonNull(gateway, "gateway");
    Objects.requireNonNull(sample, "sample");
    Objects.requireNonNull(clock, "clock");
  }

  /** Defaults: samples every 10 seconds, the system clock. */
  public static ConsoleConfig of(boolean auth, Supplier<String> api, Supplier<String> gateway) {
    return new ConsoleConfig(auth, api, gateway, Duration.ofSeconds(10), Clock.systemUTC());
  }
}
