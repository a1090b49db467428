package dev.slipway.controlplane;

import dev.slipway.gitops.target.local.LocalRuntimeConfig;
import java.nio.file.Path;

/** Control-plane settings the tests share. */
public final class TestConfigs {

    private TestConfigs() {}

    /** Loopback, free ports, data in {@code data}; a model server that starts fails the test. */
    public static ControlPlaneConfig noModelServers(Path data) {
        return noModelServers(data, "127.0.0.1");
    }

    /** As {@link #noModelServers(Path)}, bound to {@code host}. */
    public static ControlPlaneConfig noModelServers(Path data, String host) {
        return new ControlPlaneConfig(
                LocalRuntimeConfig.defaults(data, (spec, replicaHost) -> {
                    throw new AssertionError("no model server may start in these tests");
                }),
                host,
                0,
                0,
                1);
    }
}
