package dev.slipway.cli.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.slipway.cli.Cli;
import org.junit.jupiter.api.Test;

/** Tests for {@link Promote}'s options (the promotion itself: {@code GitOpsFlowTest}, {@code ReleaseLoopIT}). */
class PromoteTest {

    @Test
    void promote_noGitopsFlagNorEnvironment_isAUsageErrorNamingBoth() {
        assumeTrue(System.getenv("SLIPWAY_GITOPS") == null, "SLIPWAY_GITOPS is set in this environment");
        Cli.Run run = Cli.run("promote", "--env", "staging", "--from", "deploy");
        assertThat(run.code()).isEqualTo(2);
        assertThat(run.err())
                .contains("--gitops URL|DIR is required (or SLIPWAY_GITOPS in the environment", "SLIPWAY_URL");
    }
}
