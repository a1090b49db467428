package dev.slipway.gitops.status;

import dev.slipway.support.AtomicFiles;
import dev.slipway.support.Mappers;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
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
    final Path f = file(environment);
    if (!Files.exists(f)) {
      return Inventory.empty(environment);
    }
    try {
      return json.readValue(f.toFile(), Inventory.class);
    } catch (IOException e) {
      throw new UncheckedIOException("unreadable inventory " + f + ": " + e.getMessage(), e);
    }
  }

  /** Environments with a stored inventory. */
  public synchronized java.util.List<String> environments() {
    if (!Files.isDirectory(root)) {
      return java.util.List.of();
    }
    try (var files = Files.list(root)) {
      return files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".json"))
          .map(n -> n.substring(0, n.length() - 5)).sorted().toList();
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
