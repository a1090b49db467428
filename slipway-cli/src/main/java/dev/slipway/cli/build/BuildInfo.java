package dev.slipway.cli.build;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/**
 * What this distribution was built from: the Maven project version and the git commit, written into
 * {@code version.properties} by the build's resource filtering (slipway-cli/pom.xml; the commit is {@code unknown}
 * when the build ran outside a git checkout).
 *
 * @param version the Maven version, e.g. {@code 0.1.0-SNAPSHOT}
 * @param commit the abbreviated commit, or {@code unknown}
 */
public record BuildInfo(String version, String commit) {

    static final String RESOURCE = "/dev/slipway/cli/version.properties";

    /** This distribution's build information; {@link IllegalStateException} when the resource was not filtered. */
    public static BuildInfo load() {
        final Properties p = new Properties();
        try (InputStream in = BuildInfo.class.getResourceAsStream(RESOURCE)) {
            if (in != null) {
                p.load(in);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(RESOURCE + ": " + e.getMessage(), e);
        }
        final String version = p.getProperty("version", "").strip();
        if (version.isEmpty() || version.contains("${")) {
            throw new IllegalStateException(RESOURCE + " has no version: build slipway-cli with Maven");
        }
        final String commit = p.getProperty("commit", "").strip();
        return new BuildInfo(version, commit.isEmpty() || commit.contains("${") ? "unknown" : commit);
    }

    /** {@code slipway 0.1.0-SNAPSHOT (commit 1a2b3c4d5e6f)}. */
    public String line() {
        return "slipway " + version + " (commit " + commit + ")";
    }
}
