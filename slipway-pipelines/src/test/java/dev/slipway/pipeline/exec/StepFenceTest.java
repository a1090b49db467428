package dev.slipway.pipeline.exec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Tests for {@link StepFence}: what {@code slipway up} hides from steps that run as its own user. */
class StepFenceTest {

    @TempDir
    Path tmp;

    @Test
    void forOperator_hidesDataAndHome_bindsBackTheRunToolsAndMavenRepository() throws Exception {
        Path home = tmp.resolve("home");
        Path data = home.resolve(".slipway");
        Path launcher = Files.createDirectories(data.resolve("workspaces/bin"));
        Path tools = Files.createDirectories(home.resolve("tools/bin"));
        Path m2 = Files.createDirectories(home.resolve(".m2/repository"));
        Path run = Files.createDirectories(data.resolve("workspaces/R1"));
        StepFence fence =
                StepFence.forOperator(data, Map.of("HOME", home.toString(), "PATH", tools + ":/usr/bin"), launcher);
        assumeTrue(fence != null, () -> "no fence on this machine: " + StepFence.unavailableReason());

        List<String> argv = fence.wrap(List.of("sh", "-c", "true"), run, run);

        assertThat(fence.hidden()).containsExactly(home); // the data folder lies in HOME: one tmpfs
        assertThat(String.join(" ", argv))
                .contains(
                        "--tmpfs " + home,
                        "--ro-bind " + launcher + " " + launcher,
                        "--ro-bind " + tools + " " + tools,
                        "--bind " + m2 + " " + m2,
                        "--bind " + run + " " + run,
                        "--unshare-pid --proc /proc --die-with-parent --chdir " + run + " -- sh -c true")
                .doesNotContain("--ro-bind /usr/bin"); // not hidden: nothing to bind back
        assertThat(Collections.indexOfSubList(argv, List.of("--tmpfs", home.toString())))
                .isLessThan(argv.indexOf("--bind")); // hide first, then bind back
    }

    @Test
    void paths_areNormalized_andRootIsNeverHidden() {
        StepFence fence = new StepFence(
                StepFence.BWRAP,
                List.of(Path.of("/"), tmp.resolve("a/../b"), tmp.resolve("b/c")),
                List.of(),
                List.of());
        assertThat(fence.hidden()).containsExactly(tmp.resolve("b"));
    }
}
