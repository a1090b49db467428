package dev.slipway.gitops.status;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the sync controller applied to one environment: per deployment, the manifest file, the digest of the
 * resolved manifest handed to the runtime and the revision it came from; and the revisions it synced. It decides
 * what to prune (applied before, gone from main now) and is persisted before anything is applied.
 *
 * @param environment the environment
 * @param entries by deployment name
 * @param synced revisions fully applied, newest first (bounded)
 */
public record Inventory(String environment, Map<String, Entry> entries, List<Synced> synced) {

  /** How many synced revisions are kept. */
  public static final int HISTORY = 100;

  public Inventory {
    entries = Map.copyOf(entries);
    synced = List.copyOf(synced);
  }

  /** One applied deployment. */
  public record Entry(String name, String file, String digest, String revision, Instant appliedAt) {}

  /** A revision whose applications were all applied, the environment folder's tree id there, and when. */
  public record Synced(String revision, String folder, Instant at) {}

  public static Inventory empty(String environment) {
    return new Inventory(environment, Map.of(), List.of());
  }

  public Inventory with(Entry entry) {
    final Map<String, Entry> m = new TreeMap<>(entries);
    m.put(entry.name(), entry);
    return new Inventory(environment, m, synced);
  }

  public Inventory without(String name) {
    final Map<String, Entry> m = new TreeMap<>(entries);
    m.remove(name);
    return new Inventory(environment, m, synced);
  }

  /** A copy that records {@code revision} as synced, once per change of the folder. */
  public Inventory synced(String revision, String folder, Instant at) {
    if (!synced.isEmpty() && synced.get(0).folder().equals(folder)) {
      return this;
    }
    final List<Synced> s = new ArrayList<>();
    s.add(new Synced(revision, folder, at));
    s.addAll(synced.subList(0, Math.min(synced.size(), HISTORY - 1)));
    return new Inventory(environment, entries, s);
  }
}
