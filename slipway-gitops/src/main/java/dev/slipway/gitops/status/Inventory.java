package dev.slipway.gitops.status;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What the sync controller applied to one environment: per deployment, its identity (apiVersion, kind, namespace,
 * name), the manifest file, the digest of the resolved manifest handed to the runtime and the revision it came
 * from; and the revisions it synced. It decides what to prune (applied before, gone from main now), in the
 * namespace it was applied to, and is persisted before anything is applied.
 *
 * @param environment the environment
 * @param entries ordered by namespace and name
 * @param synced revisions fully applied, newest first (bounded)
 */
public record Inventory(String environment, List<Entry> entries, List<Synced> synced) {

    /** How many synced revisions are kept. */
    public static final int HISTORY = 100;

    /** The kind every entry has today. */
    public static final String API_VERSION = "machinelearning.seldon.io/v1";

    public static final String KIND = "SeldonDeployment";

    public Inventory {
        entries = entries.stream()
                .sorted(Comparator.comparing(Entry::namespace).thenComparing(Entry::name))
                .toList();
        synced = List.copyOf(synced);
    }

    /**
     * One applied deployment.
     *
     * @param apiVersion of the applied object
     * @param kind of the applied object
     * @param namespace where it was applied (pruning deletes it there, also after the environment moved)
     * @param name its name
     * @param file the manifest's path in the repository
     * @param digest of the resolved manifest
     * @param revision the main revision it came from
     * @param appliedAt when
     */
    public record Entry(
            String apiVersion,
            String kind,
            String namespace,
            String name,
            String file,
            String digest,
            String revision,
            Instant appliedAt) {

        public Entry {
            Objects.requireNonNull(namespace, "namespace");
            Objects.requireNonNull(name, "name");
            apiVersion = apiVersion == null ? API_VERSION : apiVersion;
            kind = kind == null ? KIND : kind;
        }

        /** A SeldonDeployment applied to {@code namespace}. */
        public static Entry of(String namespace, String name, String file, String digest, String revision, Instant at) {
            return new Entry(API_VERSION, KIND, namespace, name, file, digest, revision, at);
        }

        /** {@code namespace/name}. */
        public String id() {
            return namespace + "/" + name;
        }
    }

    /** A revision whose applications were all applied, the environment folder's tree id there, and when. */
    public record Synced(String revision, String folder, Instant at) {}

    public static Inventory empty(String environment) {
        return new Inventory(environment, List.of(), List.of());
    }

    /** The entry for {@code name} in {@code namespace}. */
    public Optional<Entry> find(String namespace, String name) {
        return entries.stream()
                .filter(e -> e.namespace().equals(namespace) && e.name().equals(name))
                .findFirst();
    }

    /** A copy with {@code entry} added or replacing the one with the same namespace and name. */
    public Inventory with(Entry entry) {
        final List<Entry> l = new ArrayList<>(entries);
        l.removeIf(e -> e.id().equals(entry.id()));
        l.add(entry);
        return new Inventory(environment, l, synced);
    }

    /** A copy without {@code namespace/name}. */
    public Inventory without(String namespace, String name) {
        final List<Entry> l = new ArrayList<>(entries);
        l.removeIf(e -> e.namespace().equals(namespace) && e.name().equals(name));
        return new Inventory(environment, l, synced);
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
