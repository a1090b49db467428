package dev.slipway.controlplane.maven;

import dev.slipway.model.Model;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.Properties;

/**
 * The Maven coordinates of the model API of the running distribution, {@code dev.slipway:slipway-model-api:VERSION}:
 * what a server repository's pom depends on ({@code scope provided}) and what {@code slipway up} serves at
 * {@code /maven/}. The version comes from a resource Maven filters at build time ({@code model-api.properties}
 * next to this class, {@code version=${project.version}}), so it is the same from the distribution's jars and from
 * {@code target/classes} in tests.
 */
public final class ModelApiArtifact {

    public static final String GROUP_ID = "dev.slipway";
    public static final String ARTIFACT_ID = "slipway-model-api";

    private static final String RESOURCE = "model-api.properties";

    private ModelApiArtifact() {}

    /**
     * The version of this distribution's model API, e.g. {@code 0.1.0-SNAPSHOT} (what {@code slipway repo create}
     * writes into a template's pom).
     *
     * @throws IllegalStateException when the build did not write the version resource (a broken distribution)
     */
    public static String version() {
        final Properties p = new Properties();
        try (InputStream in = ModelApiArtifact.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing next to " + ModelApiArtifact.class.getName()
                        + ": this distribution was not built by Maven");
            }
            p.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE + ": " + e.getMessage(), e);
        }
        final String v = p.getProperty("version", "").trim();
        if (v.isEmpty() || v.contains("${")) {
            throw new IllegalStateException(
                    RESOURCE + " holds no version ('" + v + "'): resource filtering did not run");
        }
        return v;
    }

    /**
     * Where the running model API comes from: the {@code slipway-model-api} jar of the distribution, or a class
     * folder ({@code target/classes}) when running from a build.
     *
     * @throws IllegalStateException when {@link Model}'s class loader does not say where it was loaded from
     */
    public static Path codeSource() {
        final CodeSource source = Model.class.getProtectionDomain().getCodeSource();
        if (source == null || source.getLocation() == null) {
            throw new IllegalStateException("cannot tell where " + Model.class.getName() + " was loaded from");
        }
        try {
            return Path.of(source.getLocation().toURI());
        } catch (URISyntaxException | IllegalArgumentException e) {
            throw new IllegalStateException(
                    Model.class.getName() + " was loaded from " + source.getLocation() + ", not from a file or folder",
                    e);
        }
    }

    /** The file name of the model API jar in a Maven repository: {@code slipway-model-api-VERSION.jar}. */
    public static String jarName(String version) {
        return ARTIFACT_ID + "-" + version + ".jar";
    }
}
