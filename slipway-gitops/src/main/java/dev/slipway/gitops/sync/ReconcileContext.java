package dev.slipway.gitops.sync;

import dev.slipway.gitops.env.Environment;
import dev.slipway.gitops.spec.Manifest;
import dev.slipway.gitops.status.Inventory;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
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
  /** Deployment names whose apply could not even start (name → message), from Apply. */
  final Map<String, String> applyErrors = new LinkedHashMap<>();
  /** Deployment names deleted by Prune. */
  final Set<String> pruned = new LinkedHashSet<>();
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
}
