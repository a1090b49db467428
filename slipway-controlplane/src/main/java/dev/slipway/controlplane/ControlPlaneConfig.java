package dev.slipway.controlplane;

import dev.slipway.gitops.target.local.LocalRuntimeConfig;
import java.util.Objects;

/**
 * Settings of {@code slipway up}.
 *
 * @param runtime the local runtime's settings (data directory, server command, timeouts)
 * @param host the address the gateway and API bind
 * @param gatewayPort the gateway's port (0: a free one)
 * @param apiPort the REST API's port (0: a free one; -1: no API)
 * @param gatewayInstances gateway event loops
 */
public record ControlPlaneConfig(LocalRuntimeConfig runtime, String host, int gatewayPort, int apiPort,
    int gatewayInstances) {

  public ControlPlaneConfig {
    Objects.requireNonNull(runtime, "runtime");
    Objects.requireNonNull(host, "host");
  }
}
