package dev.slipway.gitops.sync;

import dev.slipway.gitops.status.EnvironmentStatus;
import dev.slipway.gitops.status.InventoryStore;
import java.nio.file.Path;

/** The last status of each environment in the data directory ({@code status/ENV.json}, written atomically). */
final class StatusStore {

  private final Path root;
  private final InventoryStore writer;

  StatusStore(Path root, InventoryStore writer) {
    this.root = root;
    this.writer = writer;
  }

  void save(EnvironmentStatus status) {
    if (!status.name().isEmpty()) {
      writer.writeJson(root.resolve(status.name() + ".json"), status);
    }
  }
}
