package dev.slipway.gitops.sandbox;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * What {@code slipway e2e} runs.
 *
 * @param manifests a manifest file or a folder of them
 * @param namespace the namespace for manifests that name none (null: {@code default})
 * @param cases a YAML file of declarative cases, or null
 * @param timeout the whole run's limit (deploy, wait, tests)
 * @param command a test command to run against the gateway (empty: none)
 */
public record SandboxOptions(Path manifests, String namespace, Path cases, Duration timeout, List<String> command) {

    public SandboxOptions {
        Objects.requireNonNull(manifests, "manifests");
        Objects.requireNonNull(timeout, "timeout");
        command = List.copyOf(command);
    }
}
