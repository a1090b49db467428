package dev.slipway.api;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;

/**
 * {@code GET /api/v1/pipelines/runs/{id}}: a run's stored record (secrets masked), as far as people read it. The record
 * also holds the resolved pipeline (its stages' commands), which this view leaves out.
 *
 * @param id the run's id
 * @param repository the repository it runs
 * @param commit the commit
 * @param branch the branch, or empty
 * @param trigger what started it
 * @param pipeline which pipeline of the repository
 * @param condition the Succeeded condition
 * @param createTime when it was queued
 * @param startTime when it started, or null
 * @param endTime when it ended, or null
 * @param stages its stages, in order
 * @param warnings what the pipeline file asks for that is ignored here
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Run(
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
        List<Stage> stages,
        List<String> warnings) {

    public Run {
        branch = branch == null ? "" : branch;
        stages = stages == null ? List.of() : List.copyOf(stages);
        warnings = warnings == null ? List.of() : List.copyOf(warnings);
    }

    /** True once the run has ended (its Succeeded condition is no longer {@code Unknown}). */
    public boolean done() {
        return condition != null && !"Unknown".equalsIgnoreCase(condition.status());
    }

    /**
     * What started a run.
     *
     * @param type {@code manual}, {@code push}, {@code webhook} or {@code poll}
     * @param detail who or what (a user, a remote), or empty
     * @param requeuedFrom the run this one queued again after a restart of the control plane, or null
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Trigger(String type, String detail, String requeuedFrom) {

        public Trigger {
            requeuedFrom = requeuedFrom == null || requeuedFrom.isEmpty() ? null : requeuedFrom;
        }

        public Trigger(String type, String detail) {
            this(type, detail, null);
        }
    }

    /**
     * The pipeline a run runs.
     *
     * @param kind {@code release} or {@code pullRequest}
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Pipeline(String kind) {}

    /**
     * A stage of a run.
     *
     * @param name its name
     * @param condition its Succeeded condition
     * @param startTime when it started, or null
     * @param endTime when it ended, or null
     * @param steps its steps, in order
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Stage(String name, Condition condition, Instant startTime, Instant endTime, List<Step> steps) {
        public Stage {
            steps = steps == null ? List.of() : List.copyOf(steps);
        }
    }

    /**
     * A step of a stage.
     *
     * @param name its name
     * @param condition its Succeeded condition
     * @param startTime when it started, or null
     * @param endTime when it ended, or null
     * @param exitCode its process's exit code, or null
     * @param log its log file, relative to the run's folder
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Step(
            String name, Condition condition, Instant startTime, Instant endTime, Integer exitCode, String log) {}
}
