package dev.slipway.gitops.status;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.slipway.support.AtomicFiles;
import dev.slipway.support.Mappers;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Inventories in the data directory ({@code gitops/inventory/ENV.json}), written atomically (temporary file,
 * fsync, rename): a crash leaves the old or the new version, never half of one.
 */
public final class InventoryStore {

    private final Path root;
    private final ObjectMapper json = Mappers.json().enable(SerializationFeature.INDENT_OUTPUT);

    public InventoryStore(Path root) {
        this.root = root;
    }

    private Path file(String environment) {
        return root.resolve(environment + ".json");
    }

    /** The stored inventory, or an empty one. An unreadable file is an error (never silently forgotten). */
    public synchronized Inventory load(String environment) {
        return load(environment, null);
    }

    /**
     * The stored inventory, or an empty one; entries written before inventories carried a namespace get
     * {@code namespaceOfOldEntries} (null: the status file's namespace, else the environment's name).
     */
    public synchronized Inventory load(String environment, String namespaceOfOldEntries) {
        final Path f = file(environment);
        if (!Files.exists(f)) {
            return Inventory.empty(environment);
        }
        try {
            final com.fasterxml.jackson.databind.JsonNode n = json.readTree(f.toFile());
            final com.fasterxml.jackson.databind.JsonNode entries = n.path("entries");
            if (entries.isObject()) { // written before entries carried a namespace: {name: entry}
                final String ns = namespaceOfOldEntries != null ? namespaceOfOldEntries : oldNamespace(environment);
                final com.fasterxml.jackson.databind.node.ArrayNode list = json.createArrayNode();
                entries.forEach(e ->
                        list.add(((com.fasterxml.jackson.databind.node.ObjectNode) e.deepCopy()).put("namespace", ns)));
                ((com.fasterxml.jackson.databind.node.ObjectNode) n).set("entries", list);
            }
            return json.treeToValue(n, Inventory.class);
        } catch (IOException | RuntimeException e) {
            throw new UncheckedIOException(
                    "unreadable inventory " + f + ": " + e.getMessage(),
                    e instanceof IOException io ? io : new IOException(e));
        }
    }

    private String oldNamespace(String environment) {
        final Path status = root.resolveSibling("status").resolve(environment + ".json");
        try {
            return Files.exists(status)
                    ? json.readTree(status.toFile()).path("namespace").asText(environment)
                    : environment;
        } catch (IOException e) {
            return environment;
        }
    }

    /** Environments with a stored inventory. */
    public synchronized java.util.List<String> environments() {
        if (!Files.isDirectory(root)) {
            return java.util.List.of();
        }
        try (var files = Files.list(root)) {
            return files.map(p -> p.getFileName().toString())
                    .filter(n -> n.endsWith(".json"))
                    .map(n -> n.substring(0, n.length() - 5))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public synchronized void save(Inventory inventory) {
        writeJson(file(inventory.environment()), inventory);
    }

    public synchronized void delete(String environment) {
        try {
            Files.deleteIfExists(file(environment));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes {@code value} as JSON to {@code target} atomically. */
    public void writeJson(Path target, Object value) {
        try {
            AtomicFiles.write(target, json.writeValueAsBytes(value));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + target + ": " + e.getMessage(), e);
        }
    }
}
