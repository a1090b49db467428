package dev.slipway.controlplane.maven;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;

/** Tests for {@link ModelApiArtifact}. */
class ModelApiArtifactTest {

    @Test
    void version_isTheFilteredProjectVersion() {
        assertThat(ModelApiArtifact.version())
                .matches("\\d+\\.\\d+\\.\\d+([.-][A-Za-z0-9.-]+)?")
                .doesNotContain("${");
    }

    @Test
    void codeSource_holdsTheModelInterface() throws Exception {
        final Path source = ModelApiArtifact.codeSource();
        if (Files.isDirectory(source)) {
            assertThat(source.resolve("dev/slipway/model/Model.class")).isRegularFile();
        } else {
            assertThat(source.getFileName().toString()).isEqualTo(ModelApiArtifact.jarName(ModelApiArtifact.version()));
            try (ZipFile jar = new ZipFile(source.toFile())) {
                assertThat(jar.getEntry("dev/slipway/model/Model.class")).isNotNull();
            }
        }
    }

    @Test
    void jarName_followsTheMavenLayout() {
        assertThat(ModelApiArtifact.jarName("1.2.3-SNAPSHOT")).isEqualTo("slipway-model-api-1.2.3-SNAPSHOT.jar");
    }
}
