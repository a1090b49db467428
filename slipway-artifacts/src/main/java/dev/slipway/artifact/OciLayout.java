package dev.slipway.artifact;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.slipway.support.Mappers;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

/**
 * Reads an OCI archive (a tar of an OCI image layout: {@code oci-layout}, {@code index.json},
 * {@code blobs/sha256/<hex>}) into a staging folder, checking every blob's digest, then its one image: manifest,
 * config, layers. Anything else in the tar, a link, a digest that does not match, or a blob the manifest needs but
 * the tar lacks is refused naming the entry.
 */
final class OciLayout {

    static final String MANIFEST_TYPE = "application/vnd.oci.image.manifest.v1+json";
    static final String DOCKER_MANIFEST_TYPE = "application/vnd.docker.distribution.manifest.v2+json";
    private static final Pattern BLOB = Pattern.compile("(\\./)?blobs/sha256/([0-9a-f]{64})");
    private static final Pattern DIGEST = Pattern.compile("sha256:[0-9a-f]{64}");
    private static final ObjectMapper JSON = Mappers.json();

    /** The image read from an archive: its blobs sit in the staging folder under their hex digest. */
    record Image(
            Artifact.Descriptor manifest,
            Artifact.Descriptor config,
            List<Artifact.Descriptor> layers,
            Map<String, String> labels,
            List<String> entrypoint,
            Path staging) {}

    private OciLayout() {}

    /** Reads {@code tar} into {@code staging} (at most {@code maxBytes} in all); {@code source} names it in messages. */
    static Image read(InputStream tar, Path staging, long maxBytes, String source) throws IOException {
        Files.createDirectories(staging);
        byte[] index = null;
        long total = 0;
        try (TarArchiveInputStream in = new TarArchiveInputStream(tar)) {
            TarArchiveEntry e;
            while ((e = in.getNextEntry()) != null) {
                final String name = e.getName();
                if (e.isDirectory() && (name.matches("(\\./)?(blobs|blobs/sha256)/?") || name.equals("./"))) {
                    continue;
                }
                if (!e.isFile()) {
                    throw invalid(source, "entry '" + name + "' is not a regular file (links are refused)");
                }
                if (name.equals("oci-layout") || name.equals("./oci-layout")) {
                    continue;
                }
                if (name.equals("index.json") || name.equals("./index.json")) {
                    index = in.readNBytes(1024 * 1024);
                    continue;
                }
                final var m = BLOB.matcher(name);
                if (!m.matches()) {
                    throw invalid(
                            source,
                            "unexpected entry '" + name + "' (an OCI archive holds oci-layout, index.json "
                                    + "and blobs/sha256/<digest>)");
                }
                total += e.getSize();
                if (total > maxBytes) {
                    throw invalid(source, "archive exceeds the limit of " + maxBytes + " bytes");
                }
                final String hex = m.group(2);
                final String actual = copyHashing(in, staging.resolve(hex));
                if (!actual.equals(hex)) {
                    throw invalid(source, "blob '" + name + "' has digest sha256:" + actual + " (corrupt or tampered)");
                }
            }
        } catch (InvalidArchive e) {
            throw e;
        } catch (IOException e) {
            throw invalid(source, "not a readable tar (" + e.getMessage() + ")");
        }
        if (index == null) {
            throw invalid(source, "no index.json (not an OCI image layout)");
        }
        final JsonNode indexJson = json(index, source, "index.json");
        final JsonNode manifests = indexJson.path("manifests");
        if (!manifests.isArray() || manifests.size() != 1) {
            throw invalid(source, "index.json: manifests: must list exactly one image");
        }
        final Artifact.Descriptor manifest = descriptor(manifests.get(0), source, "index.json: manifests[0]");
        if (!manifest.mediaType().equals(MANIFEST_TYPE) && !manifest.mediaType().equals(DOCKER_MANIFEST_TYPE)) {
            throw invalid(
                    source,
                    "index.json: manifests[0].mediaType: '" + manifest.mediaType() + "' is not an image manifest");
        }
        final JsonNode manifestJson = json(blob(staging, manifest, source), source, "manifest " + manifest.digest());
        final Artifact.Descriptor config = descriptor(manifestJson.path("config"), source, "manifest: config");
        final JsonNode configJson = json(blob(staging, config, source), source, "config " + config.digest());
        final List<Artifact.Descriptor> layers = new ArrayList<>();
        final JsonNode layerList = manifestJson.path("layers");
        for (int i = 0; layerList.isArray() && i < layerList.size(); i++) {
            final Artifact.Descriptor layer = descriptor(layerList.get(i), source, "manifest: layers[" + i + "]");
            if (!layer.mediaType().endsWith("tar+gzip")
                    && !layer.mediaType().endsWith(".tar")
                    && !layer.mediaType().endsWith("tar.gzip")) {
                throw invalid(
                        source,
                        "manifest: layers[" + i + "].mediaType: '" + layer.mediaType()
                                + "' is not supported (tar or tar+gzip)");
            }
            blob(staging, layer, source);
            layers.add(layer);
        }
        final Map<String, String> labels = new LinkedHashMap<>();
        configJson
                .path("config")
                .path("Labels")
                .fields()
                .forEachRemaining(f -> labels.put(f.getKey(), f.getValue().asText()));
        final List<String> entrypoint = new ArrayList<>();
        configJson.path("config").path("Entrypoint").forEach(n -> entrypoint.add(n.asText()));
        return new Image(manifest, config, layers, labels, entrypoint, staging);
    }

    private static byte[] blob(Path staging, Artifact.Descriptor d, String source) throws IOException {
        final Path file = staging.resolve(d.hex());
        if (!Files.isRegularFile(file)) {
            throw invalid(source, "blob " + d.digest() + " is referenced but missing from the archive");
        }
        if (Files.size(file) != d.size()) {
            throw invalid(
                    source,
                    "blob " + d.digest() + " has " + Files.size(file) + " bytes, the descriptor says " + d.size());
        }
        return d.size() <= 4 * 1024 * 1024 ? Files.readAllBytes(file) : new byte[0];
    }

    private static Artifact.Descriptor descriptor(JsonNode n, String source, String field) throws IOException {
        final String digest = n.path("digest").asText("");
        if (!DIGEST.matcher(digest).matches()) {
            throw invalid(source, field + ".digest: '" + digest + "' is not a sha256 digest");
        }
        if (!n.path("size").canConvertToLong() || n.path("size").asLong() < 0) {
            throw invalid(source, field + ".size: missing or negative");
        }
        return new Artifact.Descriptor(
                n.path("mediaType").asText(""), digest, n.path("size").asLong());
    }

    private static JsonNode json(byte[] bytes, String source, String what) throws IOException {
        try {
            final JsonNode n = JSON.readTree(bytes);
            if (n == null || !n.isObject()) {
                throw invalid(source, what + ": not a JSON object");
            }
            return n;
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw invalid(source, what + ": malformed JSON (" + e.getOriginalMessage() + ")");
        }
    }

    private static String copyHashing(InputStream in, Path file) throws IOException {
        final MessageDigest sha = sha256();
        try (OutputStream out = new DigestOutputStream(Files.newOutputStream(file), sha)) {
            in.transferTo(out);
        }
        return HexFormat.of().formatHex(sha.digest());
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static IOException invalid(String source, String message) {
        return new InvalidArchive(source + ": " + message);
    }

    /** A malformed archive (the store turns it into {@link ArtifactException.Kind#INVALID}). */
    static final class InvalidArchive extends IOException {
        InvalidArchive(String message) {
            super(message);
        }
    }
}
