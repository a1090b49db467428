package dev.slipway.kubernetes.target;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.slipway.support.AtomicFiles;
import dev.slipway.support.Mappers;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The inventories of applied objects, one JSON file per namespace and deployment under {@code ROOT/NS/NAME.json},
 * written atomically after every object applied or deleted, so a crash never leaves an object applied but
 * unrecorded.
 */
public final class InventoryFiles {

    private static final Pattern SAFE = Pattern.compile("\\.?[a-z0-9]([-a-z0-9.]*[a-z0-9])?");

    private final Path root;
    private final ObjectMapper json = Mappers.json().enable(SerializationFeature.INDENT_OUTPUT);

    public InventoryFiles(Path root) {
        this.root = root;
    }

    /** The inventory of {@code namespace}/{@code name}, if any. */
    public synchronized Optional<ObjectInventory> load(String namespace, String name) {
        final Path file = file(namespace, name);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            return Optional.of(json.readValue(file.toFile(), ObjectInventory.class));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the inventory " + file + ": " + e.getMessage(), e);
        }
    }

    /** Saves {@code inventory}. */
    public synchronized void save(ObjectInventory inventory) {
        try {
            AtomicFiles.write(file(inventory.namespace(), inventory.name()), json.writeValueAsBytes(inventory));
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "cannot write the inventory of " + inventory.namespace() + "/" + inventory.name() + ": "
                            + e.getMessage(),
                    e);
        }
    }

    /** Forgets the inventory of {@code namespace}/{@code name}. */
    public synchronized void delete(String namespace, String name) {
        try {
            Files.deleteIfExists(file(namespace, name));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete the inventory of " + namespace + "/" + name, e);
        }
    }

    /** The deployment names recorded in {@code namespace} (not {@link ObjectInventory#ENVIRONMENT}), sorted. */
    public synchronized List<String> names(String namespace) {
        final Path dir = root.resolve(check(namespace));
        final List<String> out = new ArrayList<>();
        if (!Files.isDirectory(dir)) {
            return out;
        }
        try (Stream<Path> files = Files.list(dir)) {
            files.map(p -> p.getFileName().toString())
                    .filter(f -> f.endsWith(".json") && !f.startsWith("."))
                    .map(f -> f.substring(0, f.length() - 5))
                    .sorted()
                    .forEach(out::add);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir, e);
        }
        return out;
    }

    private Path file(String namespace, String name) {
        return root.resolve(check(namespace)).resolve(check(name) + ".json");
    }

    private static String check(String segment) {
        if (!SAFE.matcher(segment).matches() || segment.contains("..")) {
            throw new IllegalArgumentException("'" + segment + "' is not a namespace or deployment name");
        }
        return segment;
    }
}
