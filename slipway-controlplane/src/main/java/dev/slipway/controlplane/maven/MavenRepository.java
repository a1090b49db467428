package dev.slipway.controlplane.maven;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A read-only Maven repository holding one artifact, {@code dev.slipway:slipway-model-api:VERSION}: its jar, its
 * pom, the artifact- and version-level {@code maven-metadata.xml}, and a {@code .sha1} and {@code .md5} of each.
 * Transport-free: {@link #file} answers a path relative to the repository's root. A path is looked up among
 * these twelve names, never turned into a file name, so no path can read anything else.
 *
 * <p>The jar is the model API's code source when that is a jar; a class folder (running from a build) is jarred
 * in memory ({@link DirectoryJar}). The files are made on the first call (it blocks) and kept.
 */
public final class MavenRepository {

    private static final Pattern VERSION = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");
    private static final String XML = "application/xml";
    private static final String TEXT = "text/plain; charset=utf-8";

    private final String version;
    private final Path codeSource;
    private Map<String, MavenFile> files;

    /**
     * @param version the model API's version
     * @param codeSource the model API's jar or class folder
     */
    public MavenRepository(String version, Path codeSource) {
        this.version = Objects.requireNonNull(version, "version");
        this.codeSource = Objects.requireNonNull(codeSource, "codeSource");
        if (!VERSION.matcher(version).matches() || version.contains("..")) {
            throw new IllegalArgumentException("not a Maven version: '" + version + "'");
        }
    }

    /** The repository of the running distribution: {@link ModelApiArtifact#version()} and its code source. */
    public static MavenRepository ofRunningDistribution() {
        return new MavenRepository(ModelApiArtifact.version(), ModelApiArtifact.codeSource());
    }

    /** The version it serves. */
    public String version() {
        return version;
    }

    /** The folder of the artifact, relative to the root: {@code dev/slipway/slipway-model-api}. */
    public static String artifactFolder() {
        return ModelApiArtifact.GROUP_ID.replace('.', '/') + "/" + ModelApiArtifact.ARTIFACT_ID;
    }

    /**
     * The file at {@code path} (relative to the repository's root, no leading {@code /}), or empty when the
     * repository has no such file.
     *
     * @throws IOException when the model API cannot be read
     */
    public Optional<MavenFile> file(String path) throws IOException {
        return Optional.ofNullable(files().get(path));
    }

    private synchronized Map<String, MavenFile> files() throws IOException {
        if (files == null) {
            files = build();
        }
        return files;
    }

    private Map<String, MavenFile> build() throws IOException {
        if (!Files.isDirectory(codeSource) && !Files.isRegularFile(codeSource)) {
            throw new IOException("the model API at " + codeSource + " is neither a jar nor a class folder");
        }
        final String group = ModelApiArtifact.GROUP_ID;
        final String artifact = ModelApiArtifact.ARTIFACT_ID;
        final Instant updated = updated();
        final String folder = artifactFolder();
        final String base = folder + "/" + version + "/" + artifact + "-" + version;
        final Map<String, MavenFile> out = new LinkedHashMap<>();
        withChecksums(
                out,
                folder + "/maven-metadata.xml",
                new MavenFile(utf8(MavenXml.artifactMetadata(group, artifact, version, updated)), XML));
        withChecksums(
                out,
                folder + "/" + version + "/maven-metadata.xml",
                new MavenFile(utf8(MavenXml.versionMetadata(group, artifact, version, updated)), XML));
        final MavenFile pom = new MavenFile(utf8(MavenXml.pom(group, artifact, version)), XML);
        final MavenFile jar = new MavenFile(jar(), "application/java-archive");
        withChecksums(out, base + ".pom", pom);
        withChecksums(out, base + ".jar", jar);
        if (version.endsWith("-SNAPSHOT")) {
            // the timestamped names the version metadata points at (the plain ones stay for direct downloads)
            final String stamped =
                    folder + "/" + version + "/" + artifact + "-" + MavenXml.snapshotValue(version, updated);
            withChecksums(out, stamped + ".pom", pom);
            withChecksums(out, stamped + ".jar", jar);
        }
        return Map.copyOf(out);
    }

    private byte[] jar() throws IOException {
        if (Files.isDirectory(codeSource)) {
            return new DirectoryJar(codeSource).build();
        }
        return Files.readAllBytes(codeSource);
    }

    /** When the model API was built: its jar's time, or the newest file of its class folder. */
    private Instant updated() throws IOException {
        if (!Files.isDirectory(codeSource)) {
            return Files.getLastModifiedTime(codeSource).toInstant();
        }
        try (Stream<Path> all = Files.walk(codeSource)) {
            return all.filter(p -> Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS))
                    .map(MavenRepository::modified)
                    .max(Instant::compareTo)
                    .orElse(Instant.EPOCH);
        }
    }

    private static Instant modified(Path p) {
        try {
            return Files.getLastModifiedTime(p, LinkOption.NOFOLLOW_LINKS).toInstant();
        } catch (IOException e) {
            return FileTime.fromMillis(0).toInstant();
        }
    }

    private static void withChecksums(Map<String, MavenFile> out, String path, MavenFile file) {
        out.put(path, file);
        out.put(path + ".sha1", new MavenFile(utf8(hex("SHA-1", file.content())), TEXT));
        out.put(path + ".md5", new MavenFile(utf8(hex("MD5", file.content())), TEXT));
    }

    static String hex(String algorithm, byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance(algorithm).digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(algorithm + " is missing from this JVM", e);
        }
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
