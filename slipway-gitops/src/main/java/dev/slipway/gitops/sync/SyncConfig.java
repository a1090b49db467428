package dev.slipway.gitops.sync;

import dev.slipway.gitops.repo.GitOpsLocation;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;

/**
 * Settings of the {@link SyncController}.
 *
 * @param location the GitOps repository to follow
 * @param dataDir where inventories, status, exported model files and a remote's mirror live ({@code DATA/gitops})
 * @param watch how often a local repository's {@code refs/heads/main} is checked (cheap; 200 ms)
 * @param poll how often a remote repository is fetched (30 s)
 * @param resync how often everything is reconciled although main did not move (self-heal)
 * @param clock status times
 * @param selfHeal how long a deployment deleted or changed outside GitOps shows OutOfSync before it is put back
 *     (ArgoCD's self-heal timeout; 5 s)
 */
public record SyncConfig(
        GitOpsLocation location,
        Path dataDir,
        Duration watch,
        Duration poll,
        Duration resync,
        Clock clock,
        Duration selfHeal) {

    public SyncConfig(
            GitOpsLocation location, Path dataDir, Duration watch, Duration poll, Duration resync, Clock clock) {
        this(location, dataDir, watch, poll, resync, clock, Duration.ofSeconds(5));
    }

    public SyncConfig {
        Objects.requireNonNull(location, "location");
        Objects.requireNonNull(dataDir, "dataDir");
        Objects.requireNonNull(watch, "watch");
        Objects.requireNonNull(poll, "poll");
        Objects.requireNonNull(resync, "resync");
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(selfHeal, "selfHeal");
        if (selfHeal.isNegative()) {
            throw new IllegalArgumentException("--self-heal-delay: must not be negative");
        }
        if (poll.isNegative() || poll.isZero() || resync.isNegative() || resync.isZero()) {
            throw new IllegalArgumentException("--gitops-poll: must be positive");
        }
    }

    /** Defaults: watch 200 ms, poll 30 s, resync 30 s. */
    public static SyncConfig defaults(GitOpsLocation location, Path dataDir) {
        return new SyncConfig(
                location,
                dataDir,
                Duration.ofMillis(200),
                Duration.ofSeconds(30),
                Duration.ofSeconds(30),
                Clock.systemUTC());
    }

    public SyncConfig withPoll(Duration p) {
        return new SyncConfig(location, dataDir, watch, p, resync, clock, selfHeal);
    }

    public SyncConfig withResync(Duration r) {
        return new SyncConfig(location, dataDir, watch, poll, r, clock, selfHeal);
    }

    public SyncConfig withSelfHeal(Duration s) {
        return new SyncConfig(location, dataDir, watch, poll, resync, clock, s);
    }
}
