package dev.slipway.artifact;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.slipway.support.AtomicFiles;
import dev.slipway.support.Mappers;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

/**
 * The artifact store of {@code slipway up}: blobs by sha256 digest ({@code blobs/sha256/<hex>}, shared by every
 * artifact holding them) and an index of names and versions ({@code index/NAME/VERSION.json} → manifest digest).
 * A name and version is bound once: publishing it again with the same image is a no-op, with another image a
 * {@link ArtifactException.Kind#CONFLICT}. Blobs are moved in before the index entry is written (atomically), so
 * a crash never leaves an index entry without its blobs.
 */
public final class ArtifactStore {

    /** The most bytes one archive may hold. */
    public static final long MAX_ARCHIVE_BYTES = 2L * 1024 * 1024 * 1024;

    private static final ObjectMapper JSON = Mappers.json();

    /** What a publication did. */
    public enum Outcome {
        CREATED,
        UNCHANGED
    }

    /** The result of {@link #publish}. */
    public record Published(Artifact artifact, Outcome outcome) {}

    private final Path root;
    private final Clock clock;

    public ArtifactStore(Path root, Clock clock) {
        this.root = Objects.requireNonNull(root, "root");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    public ArtifactStore(Path root) {
        this(root, Clock.systemUTC());
    }

    public Path root() {
        return root;
    }

    /** Publishes the OCI archive read from {@code tar} as {@code ref}. */
    public Published publish(ArtifactRef ref, InputStream tar) {
        final Path staging = root.resolve("tmp").resolve(UUID.randomUUID().toString());
        try {
            final OciLayout.Image image = OciLayout.read(tar, staging, MAX_ARCHIVE_BYTES, "archive of " + ref);
            return commit(ref, image);
        } catch (OciLayout.InvalidArchive e) {
            throw new ArtifactException(ArtifactException.Kind.INVALID, String.valueOf(e.getMessage()));
        } catch (IOException e) {
            throw new ArtifactException(ArtifactException.Kind.IO, "cannot store " + ref + ": " + e.getMessage(), e);
        } finally {
            Files2.deleteTree(staging);
        }
    }

    /** Publishes the OCI archive file {@code archive} as {@code ref}. */
    public Published publish(ArtifactRef ref, Path archive) {
        try (InputStream in = Files.newInputStream(archive)) {
            return publish(ref, in);
        } catch (IOException e) {
            throw new ArtifactException(ArtifactException.Kind.INVALID, archive + ": cannot read: " + e.getMessage());
        }
    }

    private synchronized Published commit(ArtifactRef ref, OciLayout.Image image) throws IOException {
        final Optional<Artifact> existing = find(ref);
        if (existing.isPresent()) {
            if (existing.get().digest().equals(image.manifest().digest())) {
                return new Published(existing.get(), Outcome.UNCHANGED);
            }
            throw new ArtifactException(
                    ArtifactException.Kind.CONFLICT,
                    ref + " is already published as "
                            + existing.get().digest() + " and cannot change (this archive is "
                            + image.manifest().digest()
                            + "): publish a new version");
        }
        final List<Artifact.Descriptor> blobs = new ArrayList<>(image.layers());
        blobs.add(image.config());
        blobs.add(image.manifest());
        long size = 0;
        for (final Artifact.Descriptor d : blobs) {
            size += d.size();
            final Path target = blob(d.digest());
            if (!Files.exists(target)) {
                Files.createDirectories(target.getParent());
                AtomicFiles.fsync(image.staging().resolve(d.hex()));
                AtomicFiles.move(image.staging().resolve(d.hex()), target);
            }
        }
        final Artifact artifact = new Artifact(
                ref,
                image.manifest().digest(),
                image.config(),
                image.layers(),
                size,
                image.labels(),
                image.entrypoint(),
                clock.instant());
        AtomicFiles.write(indexFile(ref), JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(toJson(artifact)));
        return new Published(artifact, Outcome.CREATED);
    }

    /** The artifact {@code ref}, if published. */
    public Optional<Artifact> find(ArtifactRef ref) {
        final Path file = indexFile(ref);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            return Optional.of(fromJson(JSON.readTree(Files.readAllBytes(file))));
        } catch (IOException | RuntimeException e) {
            throw new ArtifactException(
                    ArtifactException.Kind.IO, file + ": unreadable index entry of " + ref + ": " + e.getMessage(), e);
        }
    }

    /** The artifact {@code ref}, or {@link ArtifactException.Kind#NOT_FOUND}. */
    public Artifact require(ArtifactRef ref) {
        return find(ref)
                .orElseThrow(() -> new ArtifactException(
                        ArtifactException.Kind.NOT_FOUND, "artifact " + ref + " is not in the artifact store"));
    }

    /** Every published artifact, by name then publication time. */
    public List<Artifact> list() {
        final Path index = root.resolve("index");
        if (!Files.isDirectory(index)) {
            return List.of();
        }
        final List<Artifact> all = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(index)) {
            for (final Path f : walk.filter(p -> p.toString().endsWith(".json") && Files.isRegularFile(p))
                    .toList()) {
                final String rel = index.relativize(f).toString().replace('\\', '/');
                final String name = rel.substring(0, rel.lastIndexOf('/'));
                final String version = rel.substring(rel.lastIndexOf('/') + 1, rel.length() - ".json".length());
                find(new ArtifactRef(name, version)).ifPresent(all::add);
            }
        } catch (IOException e) {
            throw new ArtifactException(ArtifactException.Kind.IO, "cannot list " + index + ": " + e.getMessage(), e);
        }
        all.sort(Comparator.comparing((Artifact a) -> a.ref().name())
                .thenComparing(Artifact::published)
                .thenComparing(a -> a.ref().version()));
        return all;
    }

    /** The file of blob {@code digest} ({@code sha256:…}). */
    public Path blob(String digest) {
        return root.resolve("blobs").resolve("sha256").resolve(digest.substring(digest.indexOf(':') + 1));
    }

    /** Writes {@code ref} as an OCI archive (what {@link #publish} reads) to {@code out}. */
    public void writeArchive(ArtifactRef ref, OutputStream out) throws IOException {
        final Artifact a = require(ref);
        final ObjectNode index = JSON.createObjectNode();
        index.put("schemaVersion", 2);
        index.put("mediaType", "application/vnd.oci.image.index.v1+json");
        final ObjectNode m = index.putArray("manifests").addObject();
        m.put("mediaType", OciLayout.MANIFEST_TYPE);
        m.put("digest", a.digest());
        m.put("size", Files.size(blob(a.digest())));
        m.putObject("annotations").put("org.opencontainers.image.ref.name", ref.toString());
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(out)) {
            tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
            entry(tar, "oci-layout", "{\"imageLayoutVersion\":\"1.0.0\"}".getBytes(StandardCharsets.UTF_8));
            entry(tar, "index.json", JSON.writeValueAsBytes(index));
            final List<String> digests = new ArrayList<>();
            digests.add(a.digest());
            digests.add(a.config().digest());
            a.layers().forEach(l -> digests.add(l.digest()));
            for (final String d : digests) {
                final Path file = blob(d);
                final TarArchiveEntry e = new TarArchiveEntry("blobs/sha256/" + d.substring(7));
                e.setSize(Files.size(file));
                e.setModTime(0);
                tar.putArchiveEntry(e);
                Files.copy(file, tar);
                tar.closeArchiveEntry();
            }
        }
    }

    private static void entry(TarArchiveOutputStream tar, String name, byte[] bytes) throws IOException {
        final TarArchiveEntry e = new TarArchiveEntry(name);
        e.setSize(bytes.length);
        e.setModTime(0);
        tar.putArchiveEntry(e);
        tar.write(bytes);
        tar.closeArchiveEntry();
    }

    private Path indexFile(ArtifactRef ref) {
        return root.resolve("index").resolve(ref.name()).resolve(ref.version() + ".json");
    }

    static ObjectNode toJson(Artifact a) {
        final ObjectNode n = JSON.createObjectNode();
        n.put("name", a.ref().name());
        n.put("version", a.ref().version());
        n.put("digest", a.digest());
        n.set("config", descriptor(a.config()));
        final ArrayNode layers = n.putArray("layers");
        a.layers().forEach(l -> layers.add(descriptor(l)));
        n.put("size", a.size());
        final ObjectNode labels = n.putObject("labels");
        a.labels().forEach(labels::put);
        final ArrayNode entrypoint = n.putArray("entrypoint");
        a.entrypoint().forEach(entrypoint::add);
        n.put("published", a.published().toString());
        return n;
    }

    private static ObjectNode descriptor(Artifact.Descriptor d) {
        final ObjectNode n = JSON.createObjectNode();
        n.put("mediaType", d.mediaType());
        n.put("digest", d.digest());
        n.put("size", d.size());
        return n;
    }

    /** The inverse of {@link #toJson}. */
    public static Artifact fromJson(JsonNode n) {
        final List<Artifact.Descriptor> layers = new ArrayList<>();
        n.path("layers").forEach(l -> layers.add(descriptor(l)));
        final Map<String, String> labels = new LinkedHashMap<>();
        n.path("labels")
                .fields()
                .forEachRemaining(f -> labels.put(f.getKey(), f.getValue().asText()));
        final List<String> entrypoint = new ArrayList<>();
        n.path("entrypoint").forEach(e -> entrypoint.add(e.asText()));
        return new Artifact(
                new ArtifactRef(n.path("name").asText(), n.path("version").asText()),
                n.path("digest").asText(),
                descriptor(n.path("config")),
                layers,
                n.path("size").asLong(),
                labels,
                entrypoint,
                Instant.parse(n.path("published").asText()));
    }

    private static Artifact.Descriptor descriptor(JsonNode n) {
        return new Artifact.Descriptor(
                n.path("mediaType").asText(),
                n.path("digest").asText(),
                n.path("size").asLong());
    }

    /** The JSON form of {@code a} (the REST API's and the CLI's). */
    public static String json(Artifact a) {
        try {
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(toJson(a));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
