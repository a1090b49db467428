package dev.slipway.gitops.sandbox;

import dev.slipway.gitops.target.RuntimeTarget;

/** A private runtime with a gateway in front of it, on free ports, in its own folder. */
public interface SandboxEnvironment extends AutoCloseable {

    /** Where deployments are applied. */
    RuntimeTarget target();

    /** The gateway's {@code host:port}. */
    String gatewayAddress();

    /** Stops everything it started (every process, every port). */
    @Override
    void close();
}
