package dev.slipway.gitops.sync;

import static org.assertj.core.api.Assertions.assertThat;

import dev.slipway.gitops.status.Inventory;
import dev.slipway.gitops.target.Reason;
import dev.slipway.gitops.target.ReconcileFailure;
import dev.slipway.gitops.testing.MemoryGitOps;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class PruneStepTest {

    @TempDir
    Path dir;

    /** entry (namespace, name, file) → pruned? */
    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of("still on main", "staging", "iris", "staging/iris.yaml", false),
                Arguments.of("gone from main", "staging", "old", "staging/old.yaml", true),
                Arguments.of(
                        "file present but invalid: last good version serves",
                        "staging",
                        "broken",
                        "staging/broken.yaml",
                        false),
                Arguments.of(
                        "left in the namespace the environment used before",
                        "stage-old",
                        "iris",
                        "staging/iris.yaml",
                        true));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void testReconcile(String name, String ns, String app, String file, boolean pruned) {
        final Passes p = new Passes(dir);
        p.target.instant = true;
        final Map<String, String> files = new HashMap<>();
        files.put("staging/iris.yaml", MemoryGitOps.deployment("iris", "predict"));
        files.put("staging/broken.yaml", "apiVersion: machinelearning.seldon.io/v1\nkind: SeldonDeployment\nspec: [");
        final ReconcileContext ctx = p.parsed(p.commit(files));
        ctx.inventory = ctx.inventory.with(Inventory.Entry.of(ns, app, file, "d", "0".repeat(40), p.now));
        new PruneStep(p.target, p.inventories, p.rollouts).reconcile(ctx);
        assertThat(p.target.calls)
                .isEqualTo(pruned ? java.util.List.of("delete " + ns + "/" + app) : java.util.List.of());
        assertThat(ctx.inventory.find(ns, app).isEmpty()).isEqualTo(pruned);
        if (pruned) {
            assertThat(ctx.events).extracting(e -> e.reason()).containsExactly(Reason.PRUNED);
            assertThat(p.inventories.load("staging").find(ns, app)).isEmpty();
        }
    }

    @Test
    void testReconcile_neverWaitsForTheDelete_andRecordsItWhenDone() {
        final Passes p = new Passes(dir);
        final ReconcileContext first = p.parsed(p.commit(Map.of()));
        first.inventory = first.inventory.with(
                Inventory.Entry.of("staging", "old", "staging/old.yaml", "d", "0".repeat(40), p.now));
        p.inventories.save(first.inventory);
        new PruneStep(p.target, p.inventories, p.rollouts).reconcile(first);
        assertThat(first.pruning).containsKey("old");
        assertThat(first.inventory.find("staging", "old"))
                .as("kept until the delete is done")
                .isPresent();

        p.target.finishAll();
        assertThat(p.woken).containsExactly("staging");
        final ReconcileContext second = p.parsed(p.repo().main());
        new PruneStep(p.target, p.inventories, p.rollouts).reconcile(second);
        assertThat(second.pruning).isEmpty();
        assertThat(second.inventory.entries()).isEmpty();
        assertThat(p.target.calls).containsExactly("delete staging/old");
    }

    @Test
    void testReconcile_failedDelete_isPruneFailed_andRetried() {
        final Passes p = new Passes(dir);
        p.target.instant = true;
        p.target.deleteCompletesWith = () -> new IllegalStateException("replica would not stop");
        final ReconcileContext first = p.parsed(p.commit(Map.of()));
        first.inventory = first.inventory.with(
                Inventory.Entry.of("staging", "old", "staging/old.yaml", "d", "0".repeat(40), p.now));
        new PruneStep(p.target, p.inventories, p.rollouts).reconcile(first);
        assertThat(first.failures.get("old")).isInstanceOf(ReconcileFailure.Generic.class);
        assertThat(first.failures.get("old").reason()).isEqualTo(Reason.PRUNE_FAILED);
        assertThat(first.failures.get("old").getMessage()).contains("replica would not stop");
        assertThat(first.inventory.find("staging", "old")).isPresent();

        p.target.deleteCompletesWith = null;
        final ReconcileContext second = p.parsed(p.repo().main());
        second.inventory = first.inventory;
        new PruneStep(p.target, p.inventories, p.rollouts).reconcile(second);
        assertThat(second.inventory.entries()).isEmpty();
        assertThat(p.target.calls).containsExactly("delete staging/old", "delete staging/old");
    }
}
