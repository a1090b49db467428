package dev.slipway.pipeline.run;

import dev.slipway.pipeline.model.Condition;
import dev.slipway.pipeline.model.PipelineRun;
import dev.slipway.pipeline.model.Reason;
import dev.slipway.pipeline.model.StageRun;
import dev.slipway.pipeline.model.StepRun;
import java.time.Instant;

/**
 * The run's state machine, as pure functions of a {@link PipelineRun}: what runs next, and the run after a
 * step starts or ends. Steps run in order; the first step that does not succeed ends its stage and the run
 * with its reason, and every step after it is Skipped. No I/O, no clocks: times are passed in.
 */
public final class RunPlan {

    private RunPlan() {}

    /** What the runner does next. */
    public sealed interface Next permits Execute, Finish {}

    /** Run step {@code step} of stage {@code stage}. */
    public record Execute(int stage, int step) implements Next {}

    /** Nothing left to run: the run ends with this reason and message. */
    public record Finish(Reason reason, String message) implements Next {}

    public static Next next(PipelineRun run) {
        for (int i = 0; i < run.stages().size(); i++) {
            StageRun stage = run.stages().get(i);
            for (int j = 0; j < stage.steps().size(); j++) {
                StepRun step = stage.steps().get(j);
                if (step.condition().reason() == Reason.Running
                        || step.condition().reason() == Reason.Started) {
                    throw new IllegalStateException(
                            "step " + step.name() + " of stage " + stage.name() + " is still running");
                }
                if (step.condition().reason() == Reason.Pending) {
                    return new Execute(i, j);
                }
                if (step.condition().reason() != Reason.Succeeded
                        && step.condition().reason() != Reason.Skipped) {
                    return new Finish(
                            step.condition().reason(),
                            "stage " + stage.name() + ", step " + step.name() + ": "
                                    + step.condition().message());
                }
            }
        }
        return new Finish(Reason.Succeeded, "all " + stepCount(run) + " steps succeeded");
    }

    /** The run accepted: Started (its workspace is being prepared). */
    public static PipelineRun accept(PipelineRun run, Instant now) {
        return run.withCondition(Condition.of(Reason.Started, "preparing the workspace", now), now, null);
    }

    /** A step's process started: the step, its stage and the run are Running. */
    public static PipelineRun stepStarted(PipelineRun run, int stage, int step, Instant now) {
        StageRun s = run.stages().get(stage);
        StepRun started = s.steps().get(step).started(now);
        StageRun stageRun = s.withStep(step, started)
                .withCondition(
                        Condition.of(Reason.Running, "step " + started.name(), now),
                        s.startTime() == null ? now : s.startTime(),
                        null);
        PipelineRun r = run.withStage(stage, stageRun);
        return r.withCondition(
                Condition.of(Reason.Running, "stage " + s.name() + ", step " + started.name(), now),
                run.startTime() == null ? now : run.startTime(),
                null);
    }

    /**
     * A step ended. Its stage ends when it was the stage's last step or did not succeed; when it did not
     * succeed, every later step is Skipped.
     */
    public static PipelineRun stepFinished(
            PipelineRun run, int stage, int step, Reason reason, String message, Integer exitCode, Instant now) {
        if (!reason.isDone()) {
            throw new IllegalArgumentException("a step cannot finish as " + reason);
        }
        StageRun s = run.stages().get(stage);
        StepRun done = s.steps().get(step).finished(reason, message, exitCode, now);
        StageRun stageRun = s.withStep(step, done);
        PipelineRun r = run.withStage(stage, stageRun);
        if (reason != Reason.Succeeded) {
            String why = "skipped: step " + done.name() + " of stage " + s.name() + " " + describe(reason);
            r = skipPending(r, why, now);
            stageRun = r.stages().get(stage);
            r = r.withStage(
                    stage,
                    stageRun.withCondition(
                            Condition.of(reason, "step " + done.name() + ": " + message, now),
                            stageRun.startTime(),
                            now));
        } else if (step == s.steps().size() - 1) {
            r = r.withStage(
                    stage, stageRun.withCondition(Condition.of(Reason.Succeeded, "", now), stageRun.startTime(), now));
        }
        return r;
    }

    /** Ends the run: as {@link #next} says when nothing is pending. */
    public static PipelineRun finish(PipelineRun run, Instant now) {
        Next next = next(run);
        if (!(next instanceof Finish f)) {
            throw new IllegalStateException("the run still has steps to run");
        }
        return run.withCondition(
                Condition.of(f.reason(), f.message(), now), run.startTime() == null ? now : run.startTime(), now);
    }

    /**
     * Ends a run that cannot go on (workspace or pipeline unusable, cancelled between steps): every pending
     * step and stage is Skipped and the run takes the given reason.
     */
    public static PipelineRun abort(PipelineRun run, Reason reason, String message, Instant now) {
        if (!reason.isDone() || reason == Reason.Succeeded) {
            throw new IllegalArgumentException("a run cannot be aborted as " + reason);
        }
        PipelineRun r = skipPending(run, "skipped: " + message, now);
        return r.withCondition(Condition.of(reason, message, now), r.startTime() == null ? now : r.startTime(), now);
    }

    /**
     * Ends a run whose control plane died under it: the step that was running and the run take
     * {@link Reason#ControlPlaneRestarted}; what had not run is Skipped.
     */
    public static PipelineRun restarted(PipelineRun run, String message, Instant now) {
        PipelineRun r = run;
        for (int i = 0; i < r.stages().size(); i++) {
            StageRun s = r.stages().get(i);
            boolean changed = false;
            for (int j = 0; j < s.steps().size(); j++) {
                StepRun st = s.steps().get(j);
                if (!st.condition().isDone() && st.condition().reason() != Reason.Pending) {
                    s = s.withStep(j, st.finished(Reason.ControlPlaneRestarted, message, null, now));
                    changed = true;
                }
            }
            if (changed) {
                s = s.withCondition(Condition.of(Reason.ControlPlaneRestarted, message, now), s.startTime(), now);
            }
            r = r.withStage(i, s);
        }
        return abort(r, Reason.ControlPlaneRestarted, message, now);
    }

    private static PipelineRun skipPending(PipelineRun run, String why, Instant now) {
        PipelineRun r = run;
        for (int i = 0; i < r.stages().size(); i++) {
            StageRun s = r.stages().get(i);
            boolean anyRan = false;
            for (int j = 0; j < s.steps().size(); j++) {
                StepRun st = s.steps().get(j);
                if (st.condition().reason() == Reason.Pending) {
                    s = s.withStep(j, st.withCondition(Condition.of(Reason.Skipped, why, now)));
                } else {
                    anyRan = true;
                }
            }
            if (!anyRan) {
                s = s.withCondition(Condition.of(Reason.Skipped, why, now), null, null);
            }
            r = r.withStage(i, s);
        }
        return r;
    }

    private static String describe(Reason reason) {
        return switch (reason) {
            case Failed -> "failed";
            case TimedOut -> "timed out";
            case Cancelled -> "was cancelled";
            default -> reason.name();
        };
    }

    private static int stepCount(PipelineRun run) {
        return run.stages().stream().mapToInt(s -> s.steps().size()).sum();
    }
}
