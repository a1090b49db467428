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
 * @param auth true when the API and git hosting require tokens (see {@code dev.slipway.controlplane.auth})
 */
public record ControlPlaneConfig(LocalRuntimeConfig runtime, String host, int gatewayPort, int apiPort,
    int gatewayInstances, SyncConfig gitops, boolean auth) {

  public ControlPlaneConfig {
    Objects.requireNonNull(runtime, "runtime");
    Objects.requireNonNull(host, "host");
  }

  /** Settings without a GitOps repository to follow. */
  public ControlPlaneConfig(LocalRuntimeConfig runtime, String host, int gatewayPort, int apiPort,
      int gatewayInstances) {
    this(runtime, host, gatewayPort, apiPort, gatewayInstances, null, false);
  }

  /** Settings following a GitOps repository, without authentication. */
  public ControlPlaneConfig(LocalRuntimeConfig runtime, String host, int gatewayPort, int apiPort,
      int gatewayInstances, SyncConfig gitops) {
    this(runtime, host, gatewayPort, apiPort, gatewayInstances, gitops, false);
  }

  /** A copy that requires tokens on the API and git hosting. */
  public ControlPlaneConfig withAuth(boolean required) {
    return new ControlPlaneConfig(runtime, host, gatewayPort, apiPort, gatewayInstances, gitops, required);
  }

  /** A copy that follows the GitOps repository of {@code sync}. */
  public ControlPlaneConfig withGitOps(SyncConfig sync) {
    return new ControlPlaneConfig(runtime, host, gatewayPort, apiPort, gatewayInstances, sync, auth);
  }
}
