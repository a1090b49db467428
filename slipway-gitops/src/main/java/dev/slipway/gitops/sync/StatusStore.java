package dev.slipway.gitops.sync;

import org.slf4j.LoggerFactory;
import org.slf4j.Logger;
import java.util.concurrent.ConcurrentHashMap;
import java.util.Map;
import dev.slipway.gitops.status.EnvironmentStatus;
import dev.slipway.gitops.status.InventoryStore;
import java.nio.file.Path;

/** The last status of each environment in the data directory ({@code status/ENV.json}, written atomically). */
final class StatusStore {

  private static final Logger LOG = LoggerFactory.getLogger(StatusStore.class);

  private final Path root;
  private final InventoryStore writer;
  private final Map<String, String> lastSummary = new ConcurrentHashMap<>();

  StatusStore(Path root, InventoryStore writer) {
    this.root = root;
    this.writer = writer;
  }

  void save(EnvironmentStatus status) {
    if (!status.name().isEmpty()) {
      writer.writeJson(root.resolve(status.name() + ".json"), status);
      // a reconcile that changed something (revision or conditions) is said at info, an unchanged one at debug
      final String summary = status.revision() + " " + status.conditions().stream()
          .map(c -> c.type() + "=" + c.status() + "(" + c.reason() + ")").toList();
      if (!summary.equals(lastSummary.put(status.name(), summary))) {
        LOG.info("environment {} reconciled: revision {}", status.name(), summary);
      } else {
        LOG.debug("environment {} reconciled, unchanged: {}", status.name(), summary);
      }
    }
  }
}
