package dev.slipway.pipeline.model;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * One run of a pipeline: what it ran (the resolved pipeline, snapshotted), where (repository, commit,
 * branch), why (trigger), and how it went (conditions, times, logs of each stage and step).
 *
 * @param id the run's id (sortable by creation)
 * @param repository the repository's path or URL
 * @param commit the full commit id
 * @param branch the branch, or empty for a detached commit
 * @param trigger what started it
 * @param pipeline the resolved pipeline this run executes
 * @param condition the run's Succeeded condition
 * @param createTime when it was created
 * @param startTime when it started, or null
 * @param endTime when it finished, or null
 * @param stages the stages, in the pipeline's order
 * @param warnings what was read but not honoured (e.g. agent images)
 */
public record PipelineRun(
        String id,
        String repository,
        String commit,
        String branch,
        Trigger trigger,
        Pipeline pipeline,
        Condition condition,
        Instant createTime,
        Instant startTime,
        Instant endTime,
        List<StageRun> stages,
        List<String> warnings) {

    public PipelineRun {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(pipeline, "pipeline");
        Objects.requireNonNull(condition, "condition");
        branch = branch == null ? "" : branch;
        stages = List.copyOf(stages);
        warnings = warnings == null ? List.of() : List.copyOf(warnings);
    }

    /** A new run, every stage and step Pending. */
    public static PipelineRun create(
            String id,
            String repository,
            String commit,
            String branch,
            Trigger trigger,
            Pipeline pipeline,
            List<String> warnings,
            Instant now) {
        List<StageRun> stages = new ArrayList<>();
        for (int i = 0; i < pipeline.stages().size(); i++) {
            Stage s = pipeline.stages().get(i);
            List<StepRun> steps = new ArrayList<>();
            for (int j = 0; j < s.steps().size(); j++) {
                steps.add(new StepRun(
                        s.steps().get(j).name(),
                        Condition.of(Reason.Pending, "", now),
                        null,
                        null,
                        null,
                        "steps/" + i + "-" + j + ".log"));
            }
            stages.add(new StageRun(s.name(), Condition.of(Reason.Pending, "", now), null, null, steps));
        }
        return new PipelineRun(
                id,
                repository,
                commit,
                branch,
                trigger,
                pipeline,
                Condition.of(Reason.Pending, "", now),
                now,
                null,
                null,
                stages,
                warnings);
    }

    public boolean isDone() {
        return condition.isDone();
    }

    public PipelineRun withCondition(Condition c, Instant start, Instant end) {
        return copy(commit, c, start, end, stages);
    }

    public PipelineRun withCommit(String fullCommit) {
        return copy(fullCommit, condition, startTime, endTime, stages);
    }

    public PipelineRun withStage(int index, StageRun stage) {
        List<StageRun> s = new ArrayList<>(stages);
        s.set(index, stage);
        return copy(commit, condition, startTime, endTime, s);
    }

    private PipelineRun copy(String c, Condition cond, Instant start, Instant end, List<StageRun> s) {
        return new PipelineRun(id, repository, c, branch, trigger, pipeline, cond, createTime, start, end, s, warnings);
    }
}
