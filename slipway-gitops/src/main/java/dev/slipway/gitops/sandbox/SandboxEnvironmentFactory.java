package dev.slipway.gitops.sandbox;

import dev.slipway.gitops.spec.Manifest;
import java.nio.file.Path;

/** Starts sandbox environments; checks manifests against the target before anything starts. */
public interface SandboxEnvironmentFactory {

    /** Fails (with the field path) when the target cannot run {@code manifest}; starts nothing. */
    void check(Manifest manifest, String namespace);

    /** Starts an environment whose files live in {@code workDir}. */
    SandboxEnvironment start(Path workDir);
}
