package dev.slipway.pipeline.trigger;

import static org.assertj.core.api.Assertions.assertThat;

import dev.slipway.pipeline.exec.Git;
import dev.slipway.pipeline.testing.TestRepo;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Tests for {@link BranchPoller} with {@link GitRemoteHeads} on a real repository. */
class BranchPollerTest {

    @TempDir
    Path tmp;

    @Test
    void poll_firstThenChanges_reportsOnlyMovedBranches() throws Exception {
        TestRepo repo = TestRepo.init(tmp.resolve("repo"));
        String first = repo.write("a.txt", "1").commit("one");
        List<BranchPoller.Change> seen = new ArrayList<>();
        Path state = tmp.resolve("state/poll.json");
        BranchPoller poller = new BranchPoller(repo.dir().toString(), new GitRemoteHeads(new Git()), state, seen::add);

        assertThat(poller.poll()).as("the first poll only records").isEmpty();
        assertThat(poller.poll()).as("nothing moved").isEmpty();

        String second = repo.write("a.txt", "2").commit("two");
        repo.branch("feature");
        String third = repo.write("b.txt", "3").commit("three");

        assertThat(poller.poll())
                .containsExactly(
                        new BranchPoller.Change(repo.dir().toString(), "feature", third, ""),
                        new BranchPoller.Change(repo.dir().toString(), "main", second, first));
        assertThat(seen).hasSize(2);

        // a new poller with the same state file remembers
        BranchPoller restarted =
                new BranchPoller(repo.dir().toString(), new GitRemoteHeads(new Git()), state, seen::add);
        assertThat(restarted.poll()).isEmpty();
    }
}
