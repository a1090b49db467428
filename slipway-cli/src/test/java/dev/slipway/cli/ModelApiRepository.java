package dev.slipway.cli;

import dev.slipway.model.Model;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;

/**
 * A throw-away file Maven repository holding {@code dev.slipway:slipway-model-api} at this build's version, laid out
 * by hand as a remote repository is (jar, a pom without parent, maven-metadata.xml, .sha1): what a server
 * repository's pom finds at {@code ${slipway.url}/maven} when given {@code -Dslipway.url=file:///…}. The API comes
 * from the test class path (its jar, or its classes folder jarred). A snapshot is published with a fresh timestamp,
 * so Maven (run with {@code -U}) takes this one and not one cached in {@code ~/.m2} by an earlier run.
 */
public final class ModelApiRepository {

    static final String GROUP = "dev.slipway";
    static final String ARTIFACT = "slipway-model-api";

    private ModelApiRepository() {}

    /** Writes the repository under {@code root} ({@code root/maven/...}); returns the value for {@code slipway.url}. */
    public static String create(Path root, String version) throws Exception {
        final Path dir = root.resolve("maven/dev/slipway/" + ARTIFACT + "/" + version);
        Files.createDirectories(dir);
        final ZonedDateTime now = ZonedDateTime.now(ZoneOffset.UTC);
        final String timestamp = now.format(DateTimeFormatter.ofPattern("yyyyMMdd.HHmmss"));
        final String updated = now.format(DateTimeFormatter.ofPattern("yyyyMMddHHmmss"));
        final boolean snapshot = version.endsWith("-SNAPSHOT");
        final String fileVersion = snapshot
                ? version.substring(0, version.length() - "-SNAPSHOT".length()) + "-" + timestamp + "-1"
                : version;
        write(dir.resolve(ARTIFACT + "-" + fileVersion + ".jar"), apiJar());
        write(
                dir.resolve(ARTIFACT + "-" + fileVersion + ".pom"),
                ("""
        <?xml version="1.0" encoding="UTF-8"?>
        <project xmlns="http://maven.apache.org/POM/4.0.0">
          <modelVersion>4.0.0</modelVersion>
          <groupId>%s</groupId>
          <artifactId>%s</artifactId>
          <version>%s</version>
        </project>
        """).formatted(GROUP, ARTIFACT, version).getBytes(StandardCharsets.UTF_8));
        if (snapshot) {
            write(
                    dir.resolve("maven-metadata.xml"),
                    ("""
          <?xml version="1.0" encoding="UTF-8"?>
          <metadata modelVersion="1.1.0">
            <groupId>%1$s</groupId>
            <artifactId>%2$s</artifactId>
            <version>%3$s</version>
            <versioning>
              <snapshot><timestamp>%4$s</timestamp><buildNumber>1</buildNumber></snapshot>
              <lastUpdated>%5$s</lastUpdated>
              <snapshotVersions>
                <snapshotVersion><extension>jar</extension><value>%6$s</value><updated>%5$s</updated></snapshotVersion>
                <snapshotVersion><extension>pom</extension><value>%6$s</value><updated>%5$s</updated></snapshotVersion>
              </snapshotVersions>
            </versioning>
          </metadata>
          """)
                            .formatted(GROUP, ARTIFACT, version, timestamp, updated, fileVersion)
                            .getBytes(StandardCharsets.UTF_8));
        }
        write(
                dir.getParent().resolve("maven-metadata.xml"),
                ("""
        <?xml version="1.0" encoding="UTF-8"?>
        <metadata>
          <groupId>%1$s</groupId>
          <artifactId>%2$s</artifactId>
          <versioning>
            <latest>%3$s</latest>
            <versions><version>%3$s</version></versions>
            <lastUpdated>%4$s</lastUpdated>
          </versioning>
        </metadata>
        """).formatted(GROUP, ARTIFACT, version, updated).getBytes(StandardCharsets.UTF_8));
        final String uri = root.toUri().toString();
        return uri.endsWith("/") ? uri.substring(0, uri.length() - 1) : uri;
    }

    /** The model API's jar: the one on the class path, or its classes folder as a jar. */
    private static byte[] apiJar() throws IOException, URISyntaxException {
        final Path location = Path.of(
                Model.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        if (Files.isRegularFile(location)) {
            return Files.readAllBytes(location);
        }
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (JarOutputStream jar = new JarOutputStream(bytes);
                Stream<Path> walk = Files.walk(location)) {
            final List<Path> files = walk.filter(Files::isRegularFile).sorted().toList();
            for (final Path f : files) {
                jar.putNextEntry(new JarEntry(location.relativize(f).toString().replace('\\', '/')));
                jar.write(Files.readAllBytes(f));
                jar.closeEntry();
            }
        }
        return bytes.toByteArray();
    }

    /** Writes {@code content} and its {@code .sha1} (what Maven checks a download against). */
    private static void write(Path file, byte[] content) throws IOException, NoSuchAlgorithmException {
        Files.write(file, content);
        Files.writeString(
                file.resolveSibling(file.getFileName() + ".sha1"),
                HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(content)));
    }
}
