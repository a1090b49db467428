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

    /** Issue 13, finding 10: a token on the command line is visible to every user ({@code ps}): the flag warns. */
    @Test
    void promote_withATokenFlag_warnsThatItIsDeprecated_namingTheVariable() {
        Cli.Run run = Cli.run(
                "promote", "--gitops-token", "slw_ON_ARGV", "--env", "staging", "--from", "deploy", "--gitops", "");
        assertThat(run.err())
                .contains("--gitops-token is deprecated")
                .contains("SLIPWAY_GITOPS_TOKEN")
                .doesNotContain("slw_ON_ARGV");
    }
}
