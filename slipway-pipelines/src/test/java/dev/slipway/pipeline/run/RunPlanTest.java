package dev.slipway.pipeline.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.slipway.pipeline.model.Agent;
import dev.slipway.pipeline.model.ConditionStatus;
import dev.slipway.pipeline.model.Pipeline;
import dev.slipway.pipeline.model.PipelineKind;
import dev.slipway.pipeline.model.PipelineRun;
import dev.slipway.pipeline.model.Reason;
import dev.slipway.pipeline.model.Stage;
import dev.slipway.pipeline.model.Step;
import dev.slipway.pipeline.model.Trigger;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Tests for {@link RunPlan}. */
class RunPlanTest {

    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    private static Step step(String name) {
        return new Step(name, "true", List.of(), null, Map.of(), null);
    }

    /** Two stages: a (a1, a2) and b (b1). */
    private static PipelineRun run() {
        Pipeline p = new Pipeline(
                PipelineKind.release,
                Agent.NONE,
                Map.of(),
                null,
                List.of(),
                List.of(
                        new Stage("a", Agent.NONE, Map.of(), null, List.of(step("a1"), step("a2"))),
                        new Stage("b", Agent.NONE, Map.of(), null, List.of(step("b1")))));
        return PipelineRun.create("r1", "repo", "abc", "main", Trigger.manual("me"), p, List.of(), T0);
    }

    @Test
    void next_newRun_isFirstStep() {
        assertThat(RunPlan.next(run())).isEqualTo(new RunPlan.Execute(0, 0));
        assertThat(run().condition().reason()).isEqualTo(Reason.Pending);
        assertThat(run().condition().status()).isEqualTo(ConditionStatus.Unknown);
    }

    @Test
    void next_allSucceed_walksInOrderThenFinishesSucceeded() {
        PipelineRun r = RunPlan.accept(run(), T0);
        List<RunPlan.Execute> order = new java.util.ArrayList<>();
        while (RunPlan.next(r) instanceof RunPlan.Execute e) {
            order.add(e);
            r = RunPlan.stepStarted(r, e.stage(), e.step(), T0.plusSeconds(order.size()));
            assertThat(r.condition().reason()).isEqualTo(Reason.Running);
            r = RunPlan.stepFinished(
                    r, e.stage(), e.step(), Reason.Succeeded, "exit code 0", 0, T0.plusSeconds(order.size()));
        }
        assertThat(order)
                .containsExactly(new RunPlan.Execute(0, 0), new RunPlan.Execute(0, 1), new RunPlan.Execute(1, 0));
        r = RunPlan.finish(r, T0.plusSeconds(9));
        assertThat(r.condition().reason()).isEqualTo(Reason.Succeeded);
        assertThat(r.condition().status()).isEqualTo(ConditionStatus.True);
        assertThat(r.startTime()).isEqualTo(T0);
        assertThat(r.endTime()).isEqualTo(T0.plusSeconds(9));
        assertThat(r.stages().get(0).startTime()).isEqualTo(T0.plusSeconds(1));
        assertThat(r.stages().get(0).endTime()).isEqualTo(T0.plusSeconds(2));
        assertThat(r.stages())
                .allSatisfy(s -> assertThat(s.condition().reason()).isEqualTo(Reason.Succeeded));
    }

    @ParameterizedTest
    @EnumSource(
            value = Reason.class,
            names = {"Failed", "TimedOut", "Cancelled"})
    void stepFinished_notSucceeded_skipsEverythingAfterAndEndsTheRunWithItsReason(Reason reason) {
        PipelineRun r = RunPlan.stepStarted(run(), 0, 0, T0);
        r = RunPlan.stepFinished(r, 0, 0, reason, "why", null, T0.plusSeconds(1));

        assertThat(r.stages().get(0).condition().reason()).isEqualTo(reason);
        assertThat(r.stages().get(0).condition().status()).isEqualTo(ConditionStatus.False);
        assertThat(r.stages().get(0).steps().get(1).condition().reason()).isEqualTo(Reason.Skipped);
        assertThat(r.stages().get(1).condition().reason()).isEqualTo(Reason.Skipped);
        assertThat(r.stages().get(1).steps().get(0).condition().reason()).isEqualTo(Reason.Skipped);
        assertThat(RunPlan.next(r)).isEqualTo(new RunPlan.Finish(reason, "stage a, step a1: why"));
        assertThat(RunPlan.finish(r, T0.plusSeconds(2)).condition().reason()).isEqualTo(reason);
    }

    @Test
    void next_whileAStepRuns_isAnError() {
        PipelineRun r = RunPlan.stepStarted(run(), 0, 0, T0);
        assertThatThrownBy(() -> RunPlan.next(r))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("a1");
    }

    @Test
    void abort_beforeAnyStep_skipsAllStagesAndKeepsTheReason() {
        PipelineRun r = RunPlan.abort(RunPlan.accept(run(), T0), Reason.Failed, "checkout failed", T0.plusSeconds(1));
        assertThat(r.condition().reason()).isEqualTo(Reason.Failed);
        assertThat(r.condition().message()).isEqualTo("checkout failed");
        assertThat(r.stages())
                .allSatisfy(s -> assertThat(s.condition().reason()).isEqualTo(Reason.Skipped));
        assertThat(r.endTime()).isEqualTo(T0.plusSeconds(1));
    }

    @Test
    void abort_asSucceeded_isRefused() {
        assertThatThrownBy(() -> RunPlan.abort(run(), Reason.Succeeded, "x", T0))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void stepFinished_asRunning_isRefused() {
        assertThatThrownBy(() -> RunPlan.stepFinished(run(), 0, 0, Reason.Running, "x", null, T0))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
