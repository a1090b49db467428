package dev.slipway.controlplane.maven;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * The XML files of the repository: the model API's pom (no dependencies: the API has none) and the two
 * {@code maven-metadata.xml} files. The version-level metadata of a {@code -SNAPSHOT} says
 * {@code <localCopy>true</localCopy>} and lists the jar and pom under the plain {@code -SNAPSHOT} name, so Maven
 * downloads {@code slipway-model-api-V-SNAPSHOT.jar} rather than looking for a timestamped file.
 */
final class MavenXml {

    private static final DateTimeFormatter LAST_UPDATED =
            DateTimeFormatter.ofPattern("yyyyMMddHHmmss").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter SNAPSHOT_STAMP =
            DateTimeFormatter.ofPattern("yyyyMMdd.HHmmss").withZone(java.time.ZoneOffset.UTC);
    private static final String HEADER = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";

    private MavenXml() {}

    /** A minimal valid pom of {@code groupId:artifactId:version}, packaging jar, without dependencies. */
    static String pom(String groupId, String artifactId, String version) {
        return HEADER
                + "<project xmlns=\"http://maven.apache.org/POM/4.0.0\"\n"
                + "         xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\"\n"
                + "         xsi:schemaLocation=\"http://maven.apache.org/POM/4.0.0"
                + " https://maven.apache.org/xsd/maven-4.0.0.xsd\">\n"
                + "  <modelVersion>4.0.0</modelVersion>\n"
                + coordinates(groupId, artifactId, version, "  ")
                + "  <packaging>jar</packaging>\n"
                + "  <name>Slipway model API</name>\n"
                + "  <description>The dependency-free API a Slipway model server implements"
                + " (served by slipway up).</description>\n"
                + "</project>\n";
    }

    /** {@code GROUP/ARTIFACT/maven-metadata.xml}: the one version there is. */
    static String artifactMetadata(String groupId, String artifactId, String version, Instant updated) {
        final boolean snapshot = version.endsWith("-SNAPSHOT");
        return HEADER
                + "<metadata>\n"
                + "  <groupId>" + groupId + "</groupId>\n"
                + "  <artifactId>" + artifactId + "</artifactId>\n"
                + "  <versioning>\n"
                + "    <latest>" + version + "</latest>\n"
                + (snapshot ? "" : "    <release>" + version + "</release>\n")
                + "    <versions>\n"
                + "      <version>" + version + "</version>\n"
                + "    </versions>\n"
                + "    <lastUpdated>" + LAST_UPDATED.format(updated) + "</lastUpdated>\n"
                + "  </versioning>\n"
                + "</metadata>\n";
    }

    /**
     * {@code GROUP/ARTIFACT/VERSION/maven-metadata.xml}. For a snapshot, one timestamped build ({@link
     * #snapshotValue}) named after the API's build time: when a new Slipway serves another API, the timestamp changes
     * and Maven downloads it, instead of keeping the copy its local repository already has.
     */
    static String versionMetadata(String groupId, String artifactId, String version, Instant updated) {
        final String stamp = LAST_UPDATED.format(updated);
        final boolean snapshot = version.endsWith("-SNAPSHOT");
        final StringBuilder xml = new StringBuilder(HEADER)
                .append("<metadata modelVersion=\"1.1.0\">\n")
                .append(coordinates(groupId, artifactId, version, "  "))
                .append("  <versioning>\n");
        if (snapshot) {
            xml.append("    <snapshot>\n      <timestamp>")
                    .append(SNAPSHOT_STAMP.format(updated))
                    .append("</timestamp>\n      <buildNumber>1</buildNumber>\n    </snapshot>\n");
        }
        xml.append("    <lastUpdated>").append(stamp).append("</lastUpdated>\n");
        if (snapshot) {
            xml.append("    <snapshotVersions>\n");
            for (final String extension : new String[] {"jar", "pom"}) {
                xml.append("      <snapshotVersion>\n")
                        .append("        <extension>")
                        .append(extension)
                        .append("</extension>\n")
                        .append("        <value>")
                        .append(snapshotValue(version, updated))
                        .append("</value>\n")
                        .append("        <updated>")
                        .append(stamp)
                        .append("</updated>\n")
                        .append("      </snapshotVersion>\n");
            }
            xml.append("    </snapshotVersions>\n");
        }
        return xml.append("  </versioning>\n</metadata>\n").toString();
    }

    /** The file version of a snapshot built at {@code updated}: {@code 1.0-SNAPSHOT} → {@code 1.0-20250102.030405-1}. */
    static String snapshotValue(String version, Instant updated) {
        return version.substring(0, version.length() - "-SNAPSHOT".length()) + "-" + SNAPSHOT_STAMP.format(updated)
                + "-1";
    }

    private static String coordinates(String groupId, String artifactId, String version, String indent) {
        return indent + "<groupId>" + groupId + "</groupId>\n"
                + indent + "<artifactId>" + artifactId + "</artifactId>\n"
                + indent + "<version>" + version + "</version>\n";
    }
}
