package dev.slipway.gitops.sync;

import static org.assertj.core.api.Assertions.assertThat;

import dev.slipway.gitops.spec.SpecException;
import dev.slipway.gitops.target.Reason;
import dev.slipway.gitops.target.ReconcileFailure;
import dev.slipway.gitops.testing.MemoryGitOps;
import dev.slipway.support.Problem;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ApplyStepTest {

    private static final Duration SELF_HEAL = Duration.ofSeconds(5);

    @TempDir
    Path dir;

    private ReconcileContext outOfSync(Passes p) {
        final ReconcileContext ctx =
                p.parsed(p.commit(Map.of("staging/iris.yaml", MemoryGitOps.deployment("iris", "predict"))));
        new DiffStep(p.target, p.rollouts).reconcile(ctx);
        return ctx;
    }

    @Test
    void testReconcile_savesTheEntryWithItsNamespaceBeforeApplying_andDoesNotWait() {
        final Passes p = new Passes(dir);
        final ReconcileContext ctx = outOfSync(p);
        new ApplyStep(p.target, p.inventories, p.rollouts, SELF_HEAL).reconcile(ctx);
        assertThat(p.applied("iris").namespace()).isEqualTo("staging");
        assertThat(p.applied("iris").kind()).isEqualTo("SeldonDeployment");
        assertThat(p.target.calls).containsExactly("apply staging/iris");
        assertThat(p.rollouts.applying).containsKey("staging/iris");
        // the same digest is not applied twice while its rollout runs
        new ApplyStep(p.target, p.inventories, p.rollouts, SELF_HEAL).reconcile(ctx);
        assertThat(p.target.calls).hasSize(1);
        p.target.finishAll();
        assertThat(p.rollouts.applying).isEmpty();
        assertThat(p.rollouts.observed).containsEntry("staging/iris", 1L);
        assertThat(p.woken).containsExactly("staging");
    }

    static Stream<Arguments> failures() {
        final Supplier<RuntimeException> spec =
                () -> new SpecException(Problem.of("iris.yaml", "spec.predictors[0].shadow", "not supported here"));
        return Stream.of(
                Arguments.of("check: a field the target cannot honour", spec, null, ReconcileFailure.Stalling.class),
                Arguments.of(
                        "apply: unexpected",
                        null,
                        (Supplier<RuntimeException>) () -> new IllegalStateException("boom"),
                        ReconcileFailure.Generic.class),
                Arguments.of(
                        "apply: target not reachable yet",
                        null,
                        (Supplier<RuntimeException>) () -> ReconcileFailure.waiting(
                                Reason.APPLY_FAILED, "API server unreachable", Duration.ofSeconds(7)),
                        ReconcileFailure.Waiting.class));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("failures")
    void testReconcile_typedFailure(
            String name, Supplier<RuntimeException> check, Supplier<RuntimeException> apply, Class<?> kind) {
        final Passes p = new Passes(dir);
        p.target.checkFails = check;
        p.target.applyFails = apply;
        final ReconcileContext ctx = outOfSync(p);
        new ApplyStep(p.target, p.inventories, p.rollouts, SELF_HEAL).reconcile(ctx);
        assertThat(ctx.failures.get("iris")).isInstanceOf(kind);
        assertThat(ctx.failures.get("iris").reason()).isEqualTo(Reason.APPLY_FAILED);
        assertThat(p.rollouts.applying).isEmpty();
    }

    @Test
    void testReconcile_drift_waitsForTheSelfHealDelay_thenReappliesWithAnEvent() {
        final Passes p = new Passes(dir);
        p.target.instant = true;
        new ApplyStep(p.target, p.inventories, p.rollouts, SELF_HEAL).reconcile(outOfSync(p));
        p.target.deleteByHand("staging", "iris");

        ReconcileContext ctx = outOfSync(p);
        assertThat(ctx.drifted).containsKey("iris");
        new ApplyStep(p.target, p.inventories, p.rollouts, SELF_HEAL).reconcile(ctx);
        assertThat(p.target.runs("staging", "iris"))
                .as("still deleted within the delay")
                .isFalse();
        assertThat(ctx.requeueAfter).isEqualTo(SELF_HEAL);

        p.now = p.now.plus(SELF_HEAL);
        ctx = outOfSync(p);
        new ApplyStep(p.target, p.inventories, p.rollouts, SELF_HEAL).reconcile(ctx);
        assertThat(p.target.runs("staging", "iris")).isTrue();
        assertThat(ctx.drifted).isEmpty();
        assertThat(ctx.events).extracting(e -> e.reason()).containsExactly(Reason.SELF_HEALED);
        assertThat(ctx.events.get(0).message())
                .contains("self-heal: re-applied staging/iris.yaml")
                .contains("deleted outside GitOps");
    }
}
