package dev.slipway.gitops.sync;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.slipway.gitops.status.EnvironmentStatus;
import dev.slipway.gitops.status.InventoryStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The last status of each environment in the data directory ({@code status/ENV.json}, written atomically), read back
 * when the controller starts so {@code env status} answers before the first pass.
 */
final class StatusStore {

  private static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
      .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

  private final Path root;
  private final InventoryStore writer;

  StatusStore(Path root, InventoryStore writer) {
    this.root = root;
    this.writer = writer;
  }

  void save(EnvironmentStatus status) {
    writer.writeJson(root.resolve(status.name() + ".json"), status);
  }

  void delete(String environment) {
    try {
      Files.deleteIfExists(root.resolve(environment + ".json"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Every saved status that can still be read; {@code problems} gets one line per file that cannot (it is replaced
   * at the next pass).
   */
  List<EnvironmentStatus> loadAll(List<String> problems) {
    final List<EnvironmentStatus> out = new ArrayList<>();
    if (!Files.isDirectory(root)) {
      return out;
    }
    try (Stream<Path> files = Files.list(root)) {
      for (final Path f : files.filter(p -> p.getFileName().toString().endsWith(".json")).sorted().toList()) {
        try {
          out.add(JSON.readValue(f.toFile(), EnvironmentStatus.class));
        } catch (IOException | RuntimeException e) {
          problems.add("unreadable status " + f + ": " + e.getMessage());
        }
      }
    } catch (IOException e) {
      problems.add("cannot list " + root + ": " + e.getMessage());
    }
    return out;
  }
}
