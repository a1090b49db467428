package dev.slipway.pipeline.exec;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Tests for {@link ProcessTree}. */
class ProcessTreeTest {

    @Test
    void kill_shellWithGrandchildren_leavesNothingAlive() throws Exception {
        String cookie = UUID.randomUUID().toString();
        ProcessBuilder pb = new ProcessBuilder("sh", "-c", "sh -c 'sleep 300 & sleep 300' & sleep 300");
        pb.environment().put(ProcessTree.COOKIE, cookie);
        pb.redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD);
        Process p = pb.start();
        ProcessTree tree = new ProcessTree(p.toHandle(), cookie);
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (tree.members().size() < 5 && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
        List<ProcessHandle> before = tree.members();
        assertThat(before).hasSizeGreaterThanOrEqualTo(5);

        assertThat(tree.kill(Duration.ofSeconds(5))).isTrue();

        assertThat(before).noneMatch(ProcessTree::live);
        assertThat(tree.members()).isEmpty();
    }

    @Test
    void kill_processIgnoringSigterm_isKilledAfterTheGrace() throws Exception {
        String cookie = UUID.randomUUID().toString();
        ProcessBuilder pb = new ProcessBuilder("sh", "-c", "trap '' TERM; echo ready; while :; do sleep 1; done");
        pb.environment().put(ProcessTree.COOKIE, cookie);
        Process p = pb.start();
        assertThat(new String(p.getInputStream().readNBytes(6))).isEqualTo("ready\n");
        ProcessTree tree = new ProcessTree(p.toHandle(), cookie);
        long t0 = System.nanoTime();
        assertThat(tree.kill(Duration.ofMillis(300))).isTrue();
        // killed: at most a zombie the JVM's reaper has not collected yet (Process.isAlive stays true until it has)
        assertThat(ProcessTree.live(p.toHandle())).isFalse();
        assertThat(p.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as("SIGKILL, SIGTERM being ignored").isEqualTo(128 + 9);
        assertThat(Duration.ofNanos(System.nanoTime() - t0)).isGreaterThanOrEqualTo(Duration.ofMillis(300));
    }
}
