package dev.slipway.pipeline.model;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A named group of steps run in order.
 *
 * @param name the stage's name (unique within the pipeline)
 * @param agent the stage's agent (recorded, not used locally)
 * @param env environment variables for every step of the stage
 * @param timeout the longest the stage may run, or null
 * @param steps the steps, at least one
 */
public record Stage(String name, Agent agent, Map<String, String> env, Duration timeout, List<Step> steps) {

    public Stage {
        Objects.requireNonNull(name, "name");
        agent = agent == null ? Agent.NONE : agent;
        env = Map.copyOf(env);
        steps = List.copyOf(steps);
    }
}
