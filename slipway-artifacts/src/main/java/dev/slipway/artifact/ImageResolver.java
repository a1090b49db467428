package dev.slipway.artifact;

import dev.slipway.support.AtomicFiles;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

/**
 * Resolves an image reference ({@code NAME:VERSION}) to files on disk: the artifact from the store (or fetched
 * from a {@link ArtifactSource} into it), its layers extracted once into {@code cache/<digest>} (applied in order;
 * entries that would escape the folder, links and devices are refused; at most {@link #MAX_EXTRACTED_BYTES}).
 * Extraction goes to a temporary folder renamed into place, so a cache entry is whole or absent.
 */
public final class ImageResolver {

    /** The most bytes one image may extract to. */
    public static final long MAX_EXTRACTED_BYTES = 4L * 1024 * 1024 * 1024;

    private final ArtifactStore store;
    private final Path cache;
    private final ArtifactSource fallback;

    /**
     * @param store where artifacts are looked up
     * @param cache where images are extracted
     * @param fallback where a missing artifact is fetched from, or null
     */
    public ImageResolver(ArtifactStore store, Path cache, ArtifactSource fallback) {
        this.store = Objects.requireNonNull(store, "store");
        this.cache = Objects.requireNonNull(cache, "cache");
        this.fallback = fallback;
    }

    public ArtifactStore store() {
        return store;
    }

    /** The artifact {@code reference} names, if the store (or the fallback) has it. */
    public Optional<Artifact> find(String reference) {
        final ArtifactRef ref = ArtifactRef.parse(reference);
        final Optional<Artifact> local = store.find(ref);
        if (local.isPresent() || fallback == null) {
            return local;
        }
        return fallback.fetchInto(ref, store) ? store.find(ref) : Optional.empty();
    }

    /**
     * The image {@code reference} names, extracted.
     *
     * @throws ArtifactException naming the reference when it is malformed, unknown or unreadable
     */
    public ResolvedImage resolve(String reference) {
        final Artifact artifact = find(reference)
                .orElseThrow(() -> new ArtifactException(
                        ArtifactException.Kind.NOT_FOUND,
                        "image '" + reference + "' is not in the artifact store"
                                + " (publish it with: slipway artifact push " + reference + " JAR…)"));
        final Path root = cache.resolve(artifact.hex());
        if (!Files.isDirectory(root)) {
            extract(artifact, root);
        }
        return new ResolvedImage(artifact, root, jars(root.resolve(ServerImageBuilder.LIB.substring(1))));
    }

    private synchronized void extract(Artifact artifact, Path root) {
        if (Files.isDirectory(root)) {
            return;
        }
        final Path tmp = cache.resolve(".tmp-" + UUID.randomUUID());
        try {
            Files.createDirectories(tmp);
            long budget = MAX_EXTRACTED_BYTES;
            for (final Artifact.Descriptor layer : artifact.layers()) {
                final Path blob = store.blob(layer.digest());
                if (!Files.isRegularFile(blob)) {
                    throw new ArtifactException(
                            ArtifactException.Kind.IO,
                            "image '" + artifact.ref() + "': layer " + layer.digest() + " is missing from the store");
                }
                budget = untar(blob, layer, tmp, budget, artifact.ref());
            }
            AtomicFiles.move(tmp, root);
        } catch (IOException e) {
            throw new ArtifactException(
                    ArtifactException.Kind.IO, "image '" + artifact.ref() + "': cannot extract: " + e.getMessage(), e);
        } finally {
            Files2.deleteTree(tmp);
        }
    }

    private static long untar(Path blob, Artifact.Descriptor layer, Path dest, long budget, ArtifactRef ref)
            throws IOException {
        final Path base = dest.toAbsolutePath().normalize();
        try (InputStream raw = Files.newInputStream(blob);
                InputStream in = layer.mediaType().endsWith("gzip") ? new GZIPInputStream(raw, 65536) : raw;
                TarArchiveInputStream tar = new TarArchiveInputStream(in)) {
            TarArchiveEntry e;
            while ((e = tar.getNextEntry()) != null) {
                final String name = e.getName();
                final String rel = name.replaceFirst("^(\\./|/)+", "");
                final Path inside = base.resolve(rel).normalize();
                if (rel.contains("\\") || !inside.startsWith(base)) {
                    throw new ArtifactException(
                            ArtifactException.Kind.INVALID,
                            "image '" + ref + "': layer " + layer.digest() + ": entry '" + name
                                    + "' escapes the image folder");
                }
                if (inside.equals(base)) {
                    continue;
                }
                final String leaf =
                        inside.getFileName() == null ? "" : inside.getFileName().toString();
                if (leaf.startsWith(".wh.")) {
                    Files2.deleteTree(inside.resolveSibling(leaf.substring(4)));
                    continue;
                }
                if (e.isDirectory()) {
                    Files.createDirectories(inside);
                } else if (e.isFile()) {
                    budget -= e.getSize();
                    if (budget < 0) {
                        throw new ArtifactException(
                                ArtifactException.Kind.INVALID,
                                "image '" + ref + "' extracts to more than " + MAX_EXTRACTED_BYTES + " bytes");
                    }
                    Files.createDirectories(inside.getParent());
                    Files.copy(tar, inside, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                } else {
                    throw new ArtifactException(
                            ArtifactException.Kind.INVALID,
                            "image '" + ref + "': layer " + layer.digest() + ": entry '" + name
                                    + "' is a link or device (refused)");
                }
            }
        }
        return budget;
    }

    private static List<Path> jars(Path lib) {
        if (!Files.isDirectory(lib)) {
            return List.of();
        }
        try (Stream<Path> list = Files.list(lib)) {
            return new ArrayList<>(list.filter(p -> p.getFileName().toString().endsWith(".jar"))
                    .sorted()
                    .toList());
        } catch (IOException e) {
            throw new ArtifactException(ArtifactException.Kind.IO, "cannot list " + lib + ": " + e.getMessage(), e);
        }
    }
}
