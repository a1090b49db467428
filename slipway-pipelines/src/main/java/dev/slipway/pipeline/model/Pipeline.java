package dev.slipway.pipeline.model;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A pipeline template: {@code pipelineConfig.pipelines.<kind>.pipeline} of a {@code jenkins-x.yml}.
 *
 * @param kind release or pullRequest
 * @param agent the pipeline's agent (recorded, not used locally)
 * @param env environment for every step: {@code pipelineConfig.env} overlaid by the pipeline's own
 * @param timeout the longest a run may take, or null for no limit
 * @param credentials names of stored credentials given to every step as environment variables of the same name
 * @param stages the stages, in order
 */
public record Pipeline(
        PipelineKind kind,
        Agent agent,
        Map<String, String> env,
        Duration timeout,
        List<String> credentials,
        List<Stage> stages) {

    public Pipeline {
        Objects.requireNonNull(kind, "kind");
        agent = agent == null ? Agent.NONE : agent;
        env = Map.copyOf(env);
        credentials = List.copyOf(credentials);
        stages = List.copyOf(stages);
    }

    /** Every agent image named by the pipeline or its stages (ignored when running locally). */
    public List<String> images() {
        java.util.List<String> out = new java.util.ArrayList<>();
        if (agent.image() != null) {
            out.add(agent.image());
        }
        stages.forEach(s -> {
            if (s.agent().image() != null && !out.contains(s.agent().image())) {
                out.add(s.agent().image());
            }
        });
        return out;
    }
}
