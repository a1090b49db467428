package dev.slipway.gitops.sync;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.slipway.gitops.status.EnvironmentStatus;
import dev.slipway.gitops.status.InventoryStore;
import dev.slipway.support.Mappers;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The last status of each environment in the data directory ({@code status/ENV.json}, written atomically), read back
 * when the controller starts so {@code env status} answers before the first pass.
 */
final class StatusStore {

    private static final ObjectMapper JSON = Mappers.json()
            .rebuild()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();
    private static final Logger LOG = LoggerFactory.getLogger(StatusStore.class);

    private final Path root;
    private final InventoryStore writer;
    private final Map<String, String> lastSummary = new ConcurrentHashMap<>();

    StatusStore(Path root, InventoryStore writer) {
        this.root = root;
        this.writer = writer;
    }

    void save(EnvironmentStatus status) {
        writer.writeJson(root.resolve(status.name() + ".json"), status);
        // a reconcile that changed something (revision or conditions) is said at info, an unchanged one at debug
        final String summary = status.revision() + " "
                + status.conditions().stream()
                        .map(c -> c.type() + "=" + c.status() + "(" + c.reason() + ")")
                        .toList();
        if (!summary.equals(lastSummary.put(status.name(), summary))) {
            LOG.info("environment {} reconciled: {}", status.name(), summary);
        } else {
            LOG.debug("environment {} reconciled, unchanged: {}", status.name(), summary);
        }
    }

    void delete(String environment) {
        lastSummary.remove(environment);
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
            for (final Path f : files.filter(p -> p.getFileName().toString().endsWith(".json"))
                    .sorted()
                    .toList()) {
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
