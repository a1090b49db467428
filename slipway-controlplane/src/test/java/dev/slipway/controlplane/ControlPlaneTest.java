package dev.slipway.controlplane;

import static org.assertj.core.api.Assertions.assertThat;

import dev.slipway.gitops.repo.GitOpsLocation;
import dev.slipway.gitops.sync.SyncConfig;
import dev.slipway.gitops.target.local.LocalRuntimeConfig;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Tests for {@link ControlPlane}'s wiring: what pipeline steps receive from the server. */
class ControlPlaneTest {

  @TempDir Path tmp;

  private ControlPlaneConfig config() {
    return new ControlPlaneConfig(LocalRuntimeConfig.defaults(tmp.resolve("data"), (spec, host) -> {
      throw new AssertionError("no model server may start in these tests");
    }), "127.0.0.1", 0, 0, 1);
  }

  @Test
  void stepVariables_withoutGitOps_onlyTheServerUrl() {
    try (ControlPlane plane = new ControlPlane(config())) {
      assertThat(plane.stepVariables()).containsOnlyKeys("SLIPWAY_URL");
    }
  }

  @Test
  void stepVariables_wildcardBind_stepsReachTheApiOnLoopback() {
    // not started: nothing binds the wildcard address here, only the variable is computed
    ControlPlaneConfig wildcard = new ControlPlaneConfig(LocalRuntimeConfig.defaults(tmp.resolve("data"),
        (spec, host) -> {
          throw new AssertionError("no model server may start in these tests");
        }), "0.0.0.0", 0, 0, 1);
    try (ControlPlane plane = new ControlPlane(wildcard)) {
      assertThat(plane.stepVariables().get("SLIPWAY_URL")).startsWith("http://127.0.0.1:");
    }
    try (ControlPlane plane = new ControlPlane(config())) {
      assertThat(plane.stepVariables().get("SLIPWAY_URL")).startsWith("http://127.0.0.1:");
    }
  }

  @Test
  void stepVariables_localGitOps_absoluteFolderAndUserButNeverTheToken() {
    SyncConfig sync = SyncConfig.defaults(new GitOpsLocation("relative/gitops.git", "robot", "s3cret"), tmp.resolve("g"));
    try (ControlPlane plane = new ControlPlane(config().withGitOps(sync))) {
      assertThat(plane.stepVariables())
          .containsEntry("SLIPWAY_GITOPS", Path.of("relative/gitops.git").toAbsolutePath().normalize().toString())
          .containsEntry("SLIPWAY_GITOPS_USER", "robot")
          .doesNotContainValue("s3cret");
    }
  }

  @Test
  void stepVariables_remoteGitOps_theUrlAsGiven() {
    SyncConfig sync = SyncConfig.defaults(new GitOpsLocation("https://git.example.org/gitops.git", null, null),
        tmp.resolve("g"));
    try (ControlPlane plane = new ControlPlane(config().withGitOps(sync))) {
      assertThat(plane.stepVariables()).containsEntry("SLIPWAY_GITOPS", "https://git.example.org/gitops.git")
          .doesNotContainKey("SLIPWAY_GITOPS_USER");
    }
  }
}
