package dev.slipway.controlplane.auth;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.slipway.support.AtomicFiles;
import dev.slipway.support.Mappers;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Which repository owns a shared name: a custom server's name ({@code server/NAME}: the first repository whose run
 * registers it) and a deployment's name in an environment ({@code deployment/ENV/NAME}: the first repository whose run
 * promotes it there). A run of another repository cannot take it over; an admin transfers or releases it
 * ({@code PUT|DELETE /api/v1/owners/KEY}). Kept in {@code DATA/auth/owners.json} (0600), written atomically.
 */
public final class NameOwners {

    private final Path file;

    public NameOwners(Path file) {
        this.file = file;
    }

    /**
     * Records {@code repository} as the owner of {@code kind}/{@code name} when nobody owns it yet.
     *
     * @return the owner before this call, if it was another repository (the caller refuses), else empty
     */
    public synchronized Optional<String> claim(String kind, String name, String repository) {
        final Map<String, String> owners = read();
        final String key = kind + "/" + name;
        final String owner = owners.get(key);
        if (owner != null && !owner.equals(repository)) {
            return Optional.of(owner);
        }
        if (owner == null) {
            owners.put(key, repository);
            write(owners);
        }
        return Optional.empty();
    }

    /** A name that another repository owns. */
    public record Conflict(String key, String owner) {}

    /**
     * Claims every key of {@code keys} for {@code repository} at once: none is claimed when one of them belongs to
     * another repository.
     *
     * @return the first key owned by another repository, if any (the caller refuses)
     */
    public synchronized Optional<Conflict> claimAll(List<String> keys, String repository) {
        final Map<String, String> owners = read();
        for (final String key : keys) {
            final String owner = owners.get(key);
            if (owner != null && !owner.equals(repository)) {
                return Optional.of(new Conflict(key, owner));
            }
        }
        boolean changed = false;
        for (final String key : keys) {
            changed |= owners.putIfAbsent(key, repository) == null;
        }
        if (changed) {
            write(owners);
        }
        return Optional.empty();
    }

    /** Every owned key and its repository, sorted by key. */
    public synchronized Map<String, String> all() {
        return java.util.Collections.unmodifiableMap(read());
    }

    /** Gives {@code key} to {@code repository} (an admin's transfer). */
    public synchronized void transfer(String key, String repository) {
        final Map<String, String> owners = read();
        owners.put(key, repository);
        write(owners);
    }

    /** Forgets who owns {@code key}; the next repository to claim it owns it. @return true when someone did */
    public synchronized boolean release(String key) {
        final Map<String, String> owners = read();
        final boolean had = owners.remove(key) != null;
        if (had) {
            write(owners);
        }
        return had;
    }

    /** The key of deployment {@code name} in environment {@code environment}. */
    public static String deployment(String environment, String name) {
        return "deployment/" + environment + "/" + name;
    }

    private Map<String, String> read() {
        try {
            return Files.exists(file)
                    ? new TreeMap<>(
                            Mappers.json().readValue(file.toFile(), new TypeReference<Map<String, String>>() {}))
                    : new TreeMap<>();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    private void write(Map<String, String> owners) {
        try {
            Files.createDirectories(file.getParent());
            AtomicFiles.write(file, Mappers.json().writeValueAsBytes(owners), AtomicFiles.PRIVATE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }
}
