package dev.slipway.controlplane.auth;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.slipway.support.AtomicFiles;
import dev.slipway.support.Mappers;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Which hosted repository owns a shared name (a custom server's name): the first repository whose run registers it.
 * A run of another repository cannot take it over; an admin's token can (it is not a run). Kept in
 * {@code DATA/auth/owners.json} (0600), written atomically.
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
