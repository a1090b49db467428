package dev.slipway.gitops.sync;

import static org.assertj.core.api.Assertions.assertThat;

import dev.slipway.gitops.status.Inventory;
import dev.slipway.gitops.testing.MemoryGitOps;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.eclipse.jgit.lib.ObjectId;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class DiffStepTest {

    @TempDir
    Path dir;

    /** inventory: none | same | other digest; live: absent | present; seen: generation seen after our apply. */
    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of("never applied", "none", false, null, true, null),
                Arguments.of("applied and running", "same", true, 1L, false, null),
                Arguments.of("first look after a restart: running", "same", true, null, false, null),
                Arguments.of("first look after a restart: not running", "same", false, null, true, null),
                Arguments.of("main changed", "other", true, 1L, true, null),
                Arguments.of("deleted by hand", "same", false, 1L, true, "deleted outside GitOps"),
                Arguments.of("changed by hand", "same", true, 0L, true, "changed outside GitOps (generation 0 → 1)"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void testReconcile(String name, String inventory, boolean live, Long seen, boolean outOfSync, String drift) {
        final Passes p = new Passes(dir);
        final ObjectId rev = p.commit(Map.of("staging/iris.yaml", MemoryGitOps.deployment("iris", "predict")));
        ReconcileContext ctx = p.parsed(rev);
        final String digest = ctx.desired.get("iris").digest();
        if (!inventory.equals("none")) {
            ctx.inventory = ctx.inventory.with(Inventory.Entry.of(
                    "staging",
                    "iris",
                    "staging/iris.yaml",
                    inventory.equals("same") ? digest : "0000",
                    rev.name(),
                    p.now));
        }
        if (live) {
            p.target.instant = true;
            p.target.apply(ctx.desired.get("iris").manifest(), "staging");
        }
        if (seen != null) {
            p.rollouts.observed.put("staging/iris", seen);
        }
        new DiffStep(p.target, p.rollouts).reconcile(ctx);
        assertThat(ctx.outOfSync.contains("iris")).as("out of sync").isEqualTo(outOfSync);
        assertThat(ctx.drifted.get("iris")).isEqualTo(drift);
        assertThat(ctx.events).hasSize(drift == null ? 0 : 1);
        if (drift != null) {
            assertThat(ctx.events.get(0).message())
                    .contains("iris in namespace staging was " + drift)
                    .contains("OutOfSync until self-heal");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void testReconcile_whileApplying_noDrift(
            String name, String inventory, boolean live, Long seen, boolean outOfSync, String drift) {
        final Passes p = new Passes(dir);
        final ObjectId rev = p.commit(Map.of("staging/iris.yaml", MemoryGitOps.deployment("iris", "predict")));
        final ReconcileContext ctx = p.parsed(rev);
        if (seen != null) {
            p.rollouts.observed.put("staging/iris", seen);
        }
        p.rollouts.applying.put("staging/iris", "any");
        new DiffStep(p.target, p.rollouts).reconcile(ctx);
        assertThat(ctx.drifted).isEmpty();
    }
}
