package dev.slipway.cli.command;

import static org.assertj.core.api.Assertions.assertThat;

import dev.slipway.api.Condition;
import dev.slipway.api.Deployment;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Tests for {@link Get#table}: READY is ready replicas of the applied spec over the wanted ones, SERVING every ready
 * replica (old ones during a rollout), STATUS a word, never a bare False next to a full READY.
 */
class GetTableTest {

    private static final Instant T = Instant.parse("2026-12-05T06:00:00Z");

    private static final List<Condition> ROLLING_OUT = List.of(
            new Condition("Ready", "False", "Progressing", "rollout in progress", T),
            new Condition("Progressing", "True", "Progressing", "applying generation 2", T));

    /** staging/iris with the counts the server reports. */
    private static Deployment iris(
            int generation,
            boolean ready,
            List<Condition> conditions,
            List<Deployment.Replica> replicas,
            int wanted,
            int readyUpToDate) {
        return new Deployment(
                "staging", "iris", generation, ready, conditions, replicas, List.of(), wanted, readyUpToDate);
    }

    private static Deployment.Replica replica(int i, String state, String revision) {
        return new Deployment.Replica(
                "default",
                "classifier",
                String.valueOf(i),
                state,
                revision,
                9000 + i,
                100 + i,
                0,
                null,
                null,
                "/logs/" + i,
                List.of(),
                null,
                null);
    }

    private static String row(Deployment d) {
        final StringWriter s = new StringWriter();
        Get.table(List.of(d)).print(new PrintWriter(s), false);
        return s.toString().lines().toList().get(1);
    }

    @Test
    void table_rolloutWithOldReplicasServing_showsWantedAndServing() {
        final List<Deployment.Replica> replicas = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            replicas.add(replica(i, "Ready", "new"));
        }
        replicas.add(replica(3, "Ready", "old"));
        final Deployment d = iris(2, false, ROLLING_OUT, replicas, 3, 3);
        assertThat(row(d)).matches("staging\\s+iris\\s+3/3\\s+4\\s+Progressing \\(1 old serving\\)\\s+0\\s+2");
    }

    @Test
    void table_rolloutHalfway_readyCountsOnlyTheNewSpec() {
        final Deployment d = iris(
                2,
                false,
                ROLLING_OUT,
                List.of(
                        replica(0, "Ready", "new"),
                        replica(1, "Starting", "new"),
                        replica(2, "Ready", "old"),
                        replica(3, "Ready", "old")),
                3,
                1);
        assertThat(row(d)).matches("staging\\s+iris\\s+1/3\\s+3\\s+Progressing \\(2 old serving\\)\\s+0\\s+2");
    }

    @Test
    void table_steadyState_isReady() {
        final Deployment d = iris(
                1,
                true,
                List.of(new Condition("Ready", "True", "Succeeded", "2 replicas ready", T)),
                List.of(replica(0, "Ready", "r"), replica(1, "Ready", "r")),
                2,
                2);
        assertThat(row(d)).matches("staging\\s+iris\\s+2/2\\s+2\\s+Ready\\s+0\\s+1");
    }

    @Test
    void table_crashedReplica_namesTheReason() {
        final Deployment d = iris(
                1,
                false,
                List.of(new Condition("Ready", "False", "ReplicaCrashed", "classifier: 0/1 replicas ready", T)),
                List.of(replica(0, "Crashed", "r")),
                1,
                0);
        assertThat(row(d)).matches("staging\\s+iris\\s+0/1\\s+0\\s+ReplicaCrashed\\s+0\\s+1");
    }

    @Test
    void table_olderServerWithoutCounts_fallsBackToTheReplicas() {
        final Deployment d = new Deployment(
                "default",
                "iris",
                1,
                true,
                List.of(new Condition("Ready", "True", "Succeeded", "1 replicas ready", T)),
                List.of(replica(0, "Ready", "r")),
                List.of());
        assertThat(row(d)).matches("default\\s+iris\\s+1/1\\s+1\\s+Ready\\s+0\\s+1");
    }
}
