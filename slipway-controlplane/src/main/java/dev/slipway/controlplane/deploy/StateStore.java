package dev.slipway.controlplane.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.slipway.support.AtomicFiles;
import dev.slipway.support.DnsLabel;
import dev.slipway.support.Limits;
import dev.slipway.support.Mappers;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * What is deployed, in the data directory: one file per deployment
 * ({@code state/deployments/NS/NAME.json} holding its namespace, source and resolved manifest), written
 * atomically (temporary file, fsync, rename) so a crash leaves the old or the new version, never half.
 */
final class StateStore {

    /** One stored deployment. */
    record Entry(String namespace, String name, String source, String manifestJson) {}

    private final Path root;
    // a stored manifest is at most 1 MiB as YAML; its JSON form with the envelope may be larger
    private final ObjectMapper json = Mappers.json(Limits.DEFAULT.withMaxDocumentBytes(4 << 20));

    StateStore(Path dataDir) {
        this.root = dataDir.resolve("state").resolve("deployments");
    }

    private Path file(String namespace, String name) {
        // the last line of defence: whatever called, no path is built from a name that is not a DNS label
        return root.resolve(DnsLabel.require("namespace", namespace)).resolve(DnsLabel.require("name", name) + ".json");
    }

    synchronized void put(Entry entry) {
        final ObjectNode node = json.createObjectNode();
        node.put("namespace", entry.namespace());
        node.put("name", entry.name());
        node.put("source", entry.source());
        try {
            node.set("manifest", json.readTree(entry.manifestJson()));
            final Path target = file(entry.namespace(), entry.name());
            AtomicFiles.write(target, json.writerWithDefaultPrettyPrinter().writeValueAsBytes(node));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot store deployment " + entry.namespace() + "/" + entry.name(), e);
        }
    }

    synchronized boolean remove(String namespace, String name) {
        try {
            return Files.deleteIfExists(file(namespace, name));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove deployment " + namespace + "/" + name, e);
        }
    }

    /** Every stored deployment; unreadable files are skipped and reported through {@code problems}. */
    synchronized List<Entry> list(List<String> problems) {
        final List<Entry> entries = new ArrayList<>();
        if (!Files.isDirectory(root)) {
            return entries;
        }
        try (Stream<Path> files = Files.walk(root, 2)) {
            for (final Path f :
                    files.filter(p -> p.toString().endsWith(".json")).sorted().toList()) {
                try {
                    final JsonNode node = json.readTree(Files.readString(f, StandardCharsets.UTF_8));
                    entries.add(new Entry(
                            node.get("namespace").asText(),
                            node.get("name").asText(),
                            node.path("source").asText(""),
                            json.writeValueAsString(node.get("manifest"))));
                } catch (IOException | RuntimeException e) {
                    problems.add(f + ": unreadable stored deployment: " + e.getMessage());
                }
            }
        } catch (IOException e) {
            problems.add(root + ": " + e.getMessage());
        }
        return entries;
    }
}
