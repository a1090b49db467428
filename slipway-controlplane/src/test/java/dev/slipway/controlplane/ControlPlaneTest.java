package dev.slipway.controlplane;

import static org.assertj.core.api.Assertions.assertThat;

import dev.slipway.gitops.repo.GitOpsLocation;
import dev.slipway.gitops.sync.SyncConfig;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Tests for {@link ControlPlane}'s wiring: what pipeline steps receive from the server. */
class ControlPlaneTest {

    @TempDir
    Path tmp;

    private ControlPlaneConfig config() {
        return TestConfigs.noModelServers(tmp.resolve("data"));
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
        ControlPlaneConfig wildcard = TestConfigs.noModelServers(tmp.resolve("data"), "0.0.0.0");
        try (ControlPlane plane = new ControlPlane(wildcard)) {
            assertThat(plane.stepVariables().get("SLIPWAY_URL")).startsWith("http://127.0.0.1:");
        }
        try (ControlPlane plane = new ControlPlane(config())) {
            assertThat(plane.stepVariables().get("SLIPWAY_URL")).startsWith("http://127.0.0.1:");
        }
    }

    /** Issue 13, finding 1: a step never gets the GitOps repository (local or remote), its user or its token. */
    @Test
    void stepVariables_neverTheGitOpsRepository() {
        for (String where : new String[] {"relative/gitops.git", "https://git.example.org/gitops.git"}) {
            SyncConfig sync = SyncConfig.defaults(new GitOpsLocation(where, "robot", "s3cret"), tmp.resolve("g"));
            try (ControlPlane plane = new ControlPlane(config().withGitOps(sync))) {
                assertThat(plane.stepVariables())
                        .containsOnlyKeys("SLIPWAY_URL")
                        .doesNotContainValue("s3cret");
            }
        }
    }
}
