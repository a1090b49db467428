package dev.slipway.controlplane;

import dev.slipway.gitops.sandbox.SandboxEnvironment;
import dev.slipway.gitops.sandbox.SandboxEnvironmentFactory;
import dev.slipway.gitops.spec.Manifest;
import dev.slipway.gitops.target.RuntimeTarget;
import dev.slipway.gitops.target.local.LocalRuntime;
import dev.slipway.gitops.target.local.LocalRuntimeConfig;
import java.nio.file.Path;
import java.util.function.Function;

/** Sandbox environments for {@code slipway e2e}: a private control plane (no API) on free loopback ports. */
public final class ControlPlaneSandbox implements SandboxEnvironmentFactory {

    private final Function<Path, LocalRuntimeConfig> runtimeConfig;

    /** {@code runtimeConfig} gives the runtime's settings for a sandbox folder. */
    public ControlPlaneSandbox(Function<Path, LocalRuntimeConfig> runtimeConfig) {
        this.runtimeConfig = runtimeConfig;
    }

    @Override
    public void check(Manifest manifest, String namespace) {
        LocalRuntime.checkManifest(manifest);
    }

    @Override
    public SandboxEnvironment start(Path workDir) {
        final LocalRuntimeConfig runtime = runtimeConfig.apply(workDir);
        final ControlPlane plane = new ControlPlane(new ControlPlaneConfig(runtime, runtime.host(), 0, -1, 2)).start();
        return new SandboxEnvironment() {
            @Override
            public RuntimeTarget target() {
                return plane.target();
            }

            @Override
            public String gatewayAddress() {
                return plane.host() + ":" + plane.gatewayPort();
            }

            @Override
            public void close() {
                plane.close();
            }
        };
    }
}
