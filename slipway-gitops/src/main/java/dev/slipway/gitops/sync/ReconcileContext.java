package dev.slipway.gitops.sync;

import dev.slipway.gitops.env.Environment;
import dev.slipway.gitops.spec.Manifest;
import dev.slipway.gitops.status.Inventory;
import dev.slipway.gitops.status.SyncEvent;
import dev.slipway.gitops.target.Reason;
import dev.slipway.gitops.target.ReconcileFailure;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.eclipse.jgit.lib.ObjectId;

/** The state one reconcile pass of one environment builds up, step by step. */
final class ReconcileContext {

    /** A manifest on main that parsed: what should run. */
    record Desired(String name, String file, Manifest manifest, String digest) {}

    final Environment env;
    final ObjectId revision;
    final Instant now;
    /** Manifest files of the folder (path → blob), from Fetch. */
    final Map<String, ObjectId> files = new LinkedHashMap<>();
    /** Deployments that should run, by name, from Parse. */
    final Map<String, Desired> desired = new LinkedHashMap<>();
    /** Files that cannot be used (path → message), from Parse; their last good version keeps running. */
    final Map<String, String> invalid = new LinkedHashMap<>();
    /** Deployment names whose live state differs from main, from Diff. */
    final Set<String> outOfSync = new LinkedHashSet<>();
    /** Deployments deleted or changed outside GitOps and not put back yet (name → what happened), from Diff. */
    final Map<String, String> drifted = new LinkedHashMap<>();
    /** Typed failures of single applications (name → failure), from Diff, Apply, Prune and Health. */
    final Map<String, ReconcileFailure> failures = new LinkedHashMap<>();
    /** Deployments Prune is deleting (name → inventory entry). */
    final Map<String, Inventory.Entry> pruning = new LinkedHashMap<>();
    /** What happened this pass. */
    final List<SyncEvent> events = new ArrayList<>();
    /** The soonest this environment should be reconciled again, or null (the periodic resync). */
    Duration requeueAfter;

    Inventory inventory;
    String folderTree = "";

    ReconcileContext(Environment env, ObjectId revision, Inventory inventory, Instant now) {
        this.env = env;
        this.revision = revision;
        this.inventory = inventory;
        this.now = now;
    }

    String shortRevision() {
        return revision == null ? "" : revision.abbreviate(7).name();
    }

    void event(String application, Reason reason, String message) {
        events.add(new SyncEvent(now, application, reason, message));
    }

    /** Asks for another pass within {@code after} (the soonest request wins). */
    void requeue(Duration after) {
        if (requeueAfter == null || after.compareTo(requeueAfter) < 0) {
            requeueAfter = after;
        }
    }
}
