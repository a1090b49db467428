package dev.slipway.gitops.sync;

import dev.slipway.gitops.env.Environment;
import dev.slipway.gitops.env.PromotionPolicy;
import dev.slipway.gitops.spec.SpecParser;
import dev.slipway.gitops.status.Inventory;
import dev.slipway.gitops.status.InventoryStore;
import dev.slipway.gitops.testing.FakeTarget;
import dev.slipway.gitops.testing.MemoryGitOps;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.eclipse.jgit.lib.ObjectId;

/** Builds reconcile contexts for step tests: an in-memory repository, a fake target, an inventory on disk. */
final class Passes {

    static final Environment STAGING =
            new Environment("staging", "staging", "staging", "local", PromotionPolicy.AUTO, List.of(), null, null);

    final MemoryGitOps git = new MemoryGitOps();
    final FakeTarget target = new FakeTarget();
    final InventoryStore inventories;
    final List<String> woken = new ArrayList<>();
    final Rollouts rollouts = new Rollouts(woken::add);
    final ParseStep parse;
    Instant now = Instant.parse("2026-01-01T00:00:00Z");

    Passes(Path dir) {
        this.inventories = new InventoryStore(dir.resolve("inventory"));
        this.parse = new ParseStep(git.repo, new SpecParser(), dir.resolve("objects"));
    }

    ObjectId commit(Map<String, String> files) {
        final Map<String, String> all = new java.util.LinkedHashMap<>();
        all.put("environments.yaml", MemoryGitOps.ENVIRONMENTS);
        all.putAll(files);
        return git.commit("change", all);
    }

    /** A context after Fetch and Parse of {@code revision}. */
    ReconcileContext parsed(ObjectId revision) {
        final ReconcileContext ctx = new ReconcileContext(STAGING, revision, inventories.load("staging"), now);
        new FetchStep(git.repo).reconcile(ctx);
        parse.reconcile(ctx);
        return ctx;
    }

    dev.slipway.gitops.repo.GitOpsRepository repo() {
        return git.repo;
    }

    /** What Apply saved as applied for {@code name}. */
    Inventory.Entry applied(String name) {
        return inventories.load("staging").find("staging", name).orElseThrow();
    }
}
