package dev.slipway.pipeline.exec;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * A step resolved for execution.
 *
 * @param name the step's name (for messages)
 * @param argv the program and its arguments
 * @param dir the working folder (inside the workspace)
 * @param env the complete environment of the process
 * @param timeout the longest it may run, or null
 * @param timeoutSource what the timeout comes from ("step", "stage", "run"), for the message
 * @param processFile where the executor records the step's process (pid, start, session, cookie) while it runs,
 *     so a restarted control plane can stop what a killed one left behind; or null
 * @param runDir the run's own folder (workspace and HOME), the only part of a fenced data folder the step sees; or null
 */
public record StepSpec(
        String name,
        List<String> argv,
        Path dir,
        Map<String, String> env,
        Duration timeout,
        String timeoutSource,
        Path processFile,
        Path runDir) {

    public StepSpec(
            String name, List<String> argv, Path dir, Map<String, String> env, Duration timeout, String timeoutSource) {
        this(name, argv, dir, env, timeout, timeoutSource, null, null);
    }

    public StepSpec {
        argv = List.copyOf(argv);
        env = Map.copyOf(env);
    }
}
