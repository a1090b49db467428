package dev.slipway.gitops.sync;

import static org.assertj.core.api.Assertions.assertThat;

import dev.slipway.gitops.spec.SpecException;
import dev.slipway.gitops.spec.SpecParser;
import dev.slipway.gitops.status.ApplicationStatus;
import dev.slipway.gitops.status.EnvironmentStatus;
import dev.slipway.gitops.status.HealthStatus;
import dev.slipway.gitops.status.SyncStatus;
import dev.slipway.gitops.target.Condition;
import dev.slipway.gitops.target.ConditionType;
import dev.slipway.gitops.target.Reason;
import dev.slipway.gitops.target.ReconcileFailure;
import dev.slipway.gitops.testing.FakeTarget;
import dev.slipway.gitops.testing.MemoryGitOps;
import dev.slipway.support.Problem;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.eclipse.jgit.lib.ObjectId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ApplicationReconcilerTest {

    private static final Duration RESYNC = Duration.ofSeconds(30);

    @TempDir
    Path dir;

    private final MemoryGitOps git = new MemoryGitOps();
    private final FakeTarget target = new FakeTarget();

    private ApplicationReconciler reconciler() {
        return new ApplicationReconciler(
                git.repo,
                target,
                new SpecParser(),
                new dev.slipway.gitops.status.InventoryStore(dir.resolve("inventory")),
                dir.resolve("objects"),
                Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC),
                Duration.ofSeconds(5),
                RESYNC,
                e -> {});
    }

    private ObjectId commit(String file, String content) {
        return git.commit("change", Map.of("environments.yaml", MemoryGitOps.ENVIRONMENTS, file, content));
    }

    private static Condition ready(ApplicationStatus a) {
        return a.conditions().stream()
                .filter(c -> c.type() == ConditionType.READY)
                .findFirst()
                .orElseThrow();
    }

    /** What the target does → the application's row, the environment's Ready reason and the requeue. */
    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of(
                        "rollout finished",
                        (Consumer<FakeTarget>) t -> t.instant = true,
                        SyncStatus.SYNCED,
                        HealthStatus.HEALTHY,
                        Reason.SUCCEEDED,
                        null),
                Arguments.of(
                        "rollout running",
                        (Consumer<FakeTarget>) t -> {},
                        SyncStatus.SYNCED,
                        HealthStatus.PROGRESSING,
                        Reason.PROGRESSING,
                        null),
                Arguments.of(
                        "rollout failed",
                        (Consumer<FakeTarget>) t -> {
                            t.instant = true;
                            t.rolloutFails = true;
                        },
                        SyncStatus.SYNCED,
                        HealthStatus.DEGRADED,
                        Reason.ROLLOUT_FAILED,
                        null),
                Arguments.of(
                        "target cannot honour a field (stalling)",
                        (Consumer<FakeTarget>) t -> t.checkFails = () ->
                                new SpecException(Problem.of("iris.yaml", "spec.predictors[0].shadow", "not here")),
                        SyncStatus.OUT_OF_SYNC,
                        HealthStatus.DEGRADED,
                        Reason.APPLY_FAILED,
                        null),
                Arguments.of(
                        "apply failed twice (generic: backoff 1 s, 2 s)",
                        (Consumer<FakeTarget>) t -> t.applyFails = () -> new IllegalStateException("disk full"),
                        SyncStatus.OUT_OF_SYNC,
                        HealthStatus.DEGRADED,
                        Reason.APPLY_FAILED,
                        Duration.ofSeconds(2)),
                Arguments.of(
                        "target unreachable (waiting)",
                        (Consumer<FakeTarget>) t -> t.applyFails = () ->
                                ReconcileFailure.waiting(Reason.APPLY_FAILED, "unreachable", Duration.ofSeconds(7)),
                        SyncStatus.OUT_OF_SYNC,
                        HealthStatus.DEGRADED,
                        Reason.APPLY_FAILED,
                        Duration.ofSeconds(7)),
                Arguments.of(
                        "status unknown twice (generic: backoff)",
                        (Consumer<FakeTarget>) t -> t.statusFails = () -> new IllegalStateException("timeout"),
                        SyncStatus.OUT_OF_SYNC,
                        HealthStatus.UNKNOWN,
                        Reason.HEALTH_CHECK_FAILED,
                        Duration.ofSeconds(2)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void testReconcile(
            String name,
            Consumer<FakeTarget> setup,
            SyncStatus sync,
            HealthStatus health,
            Reason reason,
            Duration requeue) {
        setup.accept(target);
        final ApplicationReconciler r = reconciler();
        final ObjectId rev = commit("staging/iris.yaml", MemoryGitOps.deployment("iris", "predict"));
        r.reconcile(Passes.STAGING, rev);
        final ApplicationReconciler.Result result = r.reconcile(Passes.STAGING, rev);
        final ApplicationStatus app = result.status().application("iris").orElseThrow();
        assertThat(app.sync()).isEqualTo(sync);
        assertThat(app.health()).isEqualTo(health);
        assertThat(ready(app).reason()).isEqualTo(reason);
        assertThat(app.message()).isEqualTo(ready(app).message()).isNotEmpty();
        final Condition env = result.status().conditions().get(0);
        assertThat(env.reason()).isEqualTo(reason);
        assertThat(env.status())
                .isEqualTo(health == HealthStatus.HEALTHY ? Condition.Status.TRUE : Condition.Status.FALSE);
        if (health != HealthStatus.HEALTHY) {
            assertThat(env.message())
                    .contains("1 of 1 application not synced and healthy")
                    .contains("iris (" + sync + " " + health + ")");
        }
        assertThat(result.requeueAfter()).isEqualTo(requeue);
        assertThat(result.stalled()).isFalse();
    }

    @Test
    void testReconcile_invalidManifest_isParseFailedAndStalled_onlyForItself() {
        final ApplicationReconciler r = reconciler();
        target.instant = true;
        final ObjectId rev = git.commit(
                "change",
                Map.of(
                        "environments.yaml",
                        MemoryGitOps.ENVIRONMENTS,
                        "staging/iris.yaml",
                        MemoryGitOps.deployment("iris", "predict"),
                        "staging/broken.yaml",
                        "apiVersion: machinelearning.seldon.io/v1\nkind: SeldonDeployment\nmetadata: {name: broken}\nspec: {}\n"));
        r.reconcile(Passes.STAGING, rev);
        final EnvironmentStatus s = r.reconcile(Passes.STAGING, rev).status();
        assertThat(s.application("iris").orElseThrow().health()).isEqualTo(HealthStatus.HEALTHY);
        final ApplicationStatus broken = s.application("broken").orElseThrow();
        assertThat(broken.health()).isEqualTo(HealthStatus.DEGRADED);
        assertThat(broken.conditions())
                .anyMatch(c -> c.type() == ConditionType.STALLED && c.reason() == Reason.PARSE_FAILED);
        assertThat(s.conditions().get(0).reason()).isEqualTo(Reason.PARSE_FAILED);
    }

    @Test
    void testReconcile_brokenRepositoryRead_isFetchFailed_keepsTheRows_andPrunesNothing() {
        final ApplicationReconciler r = reconciler();
        target.instant = true;
        final ObjectId rev = commit("staging/iris.yaml", MemoryGitOps.deployment("iris", "predict"));
        r.reconcile(Passes.STAGING, rev);
        final ApplicationReconciler.Result result = r.reconcile(Passes.STAGING, ObjectId.fromString("1".repeat(40)));
        assertThat(result.status().conditions().get(0).reason()).isEqualTo(Reason.FETCH_FAILED);
        assertThat(result.status().applications())
                .extracting(ApplicationStatus::name)
                .containsExactly("iris");
        assertThat(result.status().events()).anyMatch(e -> e.reason() == Reason.FETCH_FAILED);
        assertThat(result.requeueAfter()).isEqualTo(Duration.ofSeconds(1));
        assertThat(target.calls).containsExactly("apply staging/iris");
    }

    @Test
    void testReconcile_unreadableInventory_stalls() throws Exception {
        final ApplicationReconciler r = reconciler();
        java.nio.file.Files.createDirectories(dir.resolve("inventory"));
        java.nio.file.Files.writeString(dir.resolve("inventory/staging.json"), "{not json");
        final ApplicationReconciler.Result result =
                r.reconcile(Passes.STAGING, commit("staging/iris.yaml", MemoryGitOps.deployment("iris", "predict")));
        assertThat(result.stalled()).isTrue();
        assertThat(result.status().conditions())
                .anyMatch(c -> c.type() == ConditionType.STALLED && c.reason() == Reason.STORAGE_FAILED);
        assertThat(target.calls).isEmpty();
    }

    @Test
    void testReconcile_suspended() {
        target.instant = true;
        final ApplicationReconciler r = reconciler();
        final ObjectId rev = commit(
                "staging/iris.yaml", MemoryGitOps.deployment("iris", "predict").replace("replicas: 1", "replicas: 0"));
        r.reconcile(Passes.STAGING, rev);
        final EnvironmentStatus s = r.reconcile(Passes.STAGING, rev).status();
        assertThat(s.application("iris").orElseThrow().health()).isEqualTo(HealthStatus.SUSPENDED);
        assertThat(s.conditions().get(0).status()).isEqualTo(Condition.Status.TRUE);
    }

    @Test
    void testReconcile_deletedByHand_isOutOfSyncMissing_untilSelfHeal() {
        target.instant = true;
        final ApplicationReconciler r = reconciler();
        final ObjectId rev = commit("staging/iris.yaml", MemoryGitOps.deployment("iris", "predict"));
        r.reconcile(Passes.STAGING, rev);
        assertThat(irisHealth(r, rev)).isEqualTo(HealthStatus.HEALTHY);
        target.deleteByHand("staging", "iris");
        final ApplicationReconciler.Result drifted = r.reconcile(Passes.STAGING, rev);
        final ApplicationStatus app = drifted.status().application("iris").orElseThrow();
        assertThat(app.sync()).isEqualTo(SyncStatus.OUT_OF_SYNC);
        assertThat(app.health()).isEqualTo(HealthStatus.MISSING);
        assertThat(ready(app).reason()).isEqualTo(Reason.CHANGED_OUTSIDE_GIT_OPS);
        assertThat(drifted.status().events()).anyMatch(e -> e.reason() == Reason.CHANGED_OUTSIDE_GIT_OPS);
        assertThat(drifted.requeueAfter()).isEqualTo(Duration.ofSeconds(5));
        r.healNow("staging", "iris");
        final ApplicationReconciler.Result healed = r.reconcile(Passes.STAGING, rev);
        assertThat(healed.status().events()).anyMatch(e -> e.reason() == Reason.SELF_HEALED);
        assertThat(irisHealth(r, rev)).isEqualTo(HealthStatus.HEALTHY);
    }

    /** The health of {@code iris} after a pass of staging at {@code rev}. */
    private static HealthStatus irisHealth(ApplicationReconciler r, ObjectId rev) {
        return r.reconcile(Passes.STAGING, rev)
                .status()
                .application("iris")
                .orElseThrow()
                .health();
    }
}
