package dev.slipway.gitops.target.local;

import dev.slipway.artifact.ImageResolver;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;

/**
 * Settings of the {@link LocalRuntime}.
 *
 * @param dataDir where replica logs go ({@code logs/NS/DEPLOYMENT/PREDICTOR-NODE-ID.log})
 * @param command how a model server is started
 * @param host the loopback address servers bind
 * @param readyTimeout how long one start may take to become ready
 * @param grace how long a stopped server may take to finish in-flight requests before SIGKILL
 * @param backoff restart delays after a crash
 * @param startFailureLimit failed starts in a row after which a rollout gives up on a new replica
 * @param clock the clock for status times
 * @param images resolves container images ({@code NAME:VERSION}) to published artifacts; null when there is no
 *     artifact store
 * @param pack which replicas are packed into shared server processes, and how many of those at most
 */
public record LocalRuntimeConfig(
        Path dataDir,
        ServerCommand command,
        String host,
        Duration readyTimeout,
        Duration grace,
        Backoff backoff,
        int startFailureLimit,
        Clock clock,
        ImageResolver images,
        PackConfig pack) {

    /** A copy that resolves images through {@code resolver}. */
    public LocalRuntimeConfig withImages(ImageResolver resolver) {
        return new LocalRuntimeConfig(
                dataDir, command, host, readyTimeout, grace, backoff, startFailureLimit, clock, resolver, pack);
    }

    public LocalRuntimeConfig {
        Objects.requireNonNull(dataDir, "dataDir");
        Objects.requireNonNull(command, "command");
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(readyTimeout, "readyTimeout");
        Objects.requireNonNull(grace, "grace");
        Objects.requireNonNull(backoff, "backoff");
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(pack, "pack");
    }

    /** A copy that packs replicas as {@code newPack} says. */
    public LocalRuntimeConfig withPack(PackConfig newPack) {
        return new LocalRuntimeConfig(
                dataDir, command, host, readyTimeout, grace, backoff, startFailureLimit, clock, images, newPack);
    }

    /** Defaults: loopback, 120 s to become ready, 10 s grace, restarts after 250 ms doubling to 10 s, 3 tries. */
    public static LocalRuntimeConfig defaults(Path dataDir, ServerCommand command) {
        return new LocalRuntimeConfig(
                dataDir,
                command,
                "127.0.0.1",
                Duration.ofSeconds(120),
                Duration.ofSeconds(10),
                new Backoff(Duration.ofMillis(250), Duration.ofSeconds(10)),
                3,
                Clock.systemUTC(),
                null,
                PackConfig.onRequest());
    }

    /** A copy with another ready timeout. */
    public LocalRuntimeConfig withReadyTimeout(Duration timeout) {
        return new LocalRuntimeConfig(
                dataDir, command, host, timeout, grace, backoff, startFailureLimit, clock, images, pack);
    }

    /** A copy that starts servers with {@code newCommand}. */
    public LocalRuntimeConfig withCommand(ServerCommand newCommand) {
        return new LocalRuntimeConfig(
                dataDir, newCommand, host, readyTimeout, grace, backoff, startFailureLimit, clock, images, pack);
    }

    /** A copy with another grace period. */
    public LocalRuntimeConfig withGrace(Duration newGrace) {
        return new LocalRuntimeConfig(
                dataDir, command, host, readyTimeout, newGrace, backoff, startFailureLimit, clock, images, pack);
    }
}
