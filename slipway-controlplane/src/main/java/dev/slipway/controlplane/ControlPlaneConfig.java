package dev.slipway.controlplane;

import dev.slipway.gitops.target.local.LocalRuntimeConfig;
import dev.slipway.gitops.sync.SyncConfig;
import java.util.Objects;

/**
 * Settings of {@code slipway up}.
 *
 * @param runtime the local runtime's settings (data directory, server command, timeouts)
 * @param host the address the gateway and API bind
 * @param gatewayPort the gateway's port (0: a free one)
 * @param apiPort the REST API's port (0: a free one; -1: no API)
 * @param gatewayInstances gateway event loops
 * @param gitops the GitOps repository the sync controller follows, or null for none
 */
public record ControlPlaneConfig(LocalRuntimeConfig runtime, String host, int gatewayPort, int apiPort,
    int gatewayInstances, SyncConfig gitops) {

  public ControlPlaneConfig {
    Objects.requireNonNull(runtime, "runtime");
    Objects.requireNonNull(host, "host");
  }

  /** Settings without a GitOps repository to follow. */
  public ControlPlaneConfig(LocalRuntimeConfig runtime, String host, int gatewayPort, int apiPort,
      int gatewayInstances) {
    this(runtime, host, gatewayPort, apiPort, gatewayInstances, null);
  }

  /** A copy that follows the GitOps repository of {@code sync}. */
  public ControlPlaneConfig withGitOps(SyncConfig sync) {
    return new ControlPlaneConfig(runtime, host, gatewayPort, apiPort, gatewayInstances, sync);
  }
}
