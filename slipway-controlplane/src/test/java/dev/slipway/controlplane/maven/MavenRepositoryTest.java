package dev.slipway.controlplane.maven;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Tests for {@link MavenRepository}. */
class MavenRepositoryTest {

    private static final String DIR = "dev/slipway/slipway-model-api/";

    @TempDir
    Path tmp;

    private Path classes() throws Exception {
        final Path dir = tmp.resolve("classes/dev/slipway/model");
        Files.createDirectories(dir);
        Files.write(dir.resolve("Model.class"), new byte[] {(byte) 0xCA, (byte) 0xFE});
        return tmp.resolve("classes");
    }

    @Test
    void file_jarFile_servedAsIs() throws Exception {
        final Path jar = Files.write(tmp.resolve("slipway-model-api-1.0.jar"), new byte[] {'P', 'K', 3, 4, 9});
        final MavenFile file = new MavenRepository("1.0", jar)
                .file(DIR + "1.0/slipway-model-api-1.0.jar")
                .orElseThrow();
        assertThat(file.content()).isEqualTo(Files.readAllBytes(jar));
        assertThat(file.contentType()).isEqualTo("application/java-archive");
    }

    @Test
    void file_classFolder_jarredTheSameEachTime() throws Exception {
        final Path dir = classes();
        final String path = DIR + "2.0-SNAPSHOT/slipway-model-api-2.0-SNAPSHOT.jar";
        final byte[] once = new MavenRepository("2.0-SNAPSHOT", dir)
                .file(path)
                .orElseThrow()
                .content();
        final byte[] again = new MavenRepository("2.0-SNAPSHOT", dir)
                .file(path)
                .orElseThrow()
                .content();
        assertThat(once).isEqualTo(again).startsWith((byte) 'P', (byte) 'K');
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "maven-metadata.xml",
                "1.0/maven-metadata.xml",
                "1.0/slipway-model-api-1.0.jar",
                "1.0/slipway-model-api-1.0.pom"
            })
    void file_everyFile_hasItsSha1AndMd5(String name) throws Exception {
        final MavenRepository repo = new MavenRepository("1.0", classes());
        final byte[] content = repo.file(DIR + name).orElseThrow().content();
        assertThat(text(repo, DIR + name + ".sha1"))
                .isEqualTo(MavenRepository.hex("SHA-1", content))
                .hasSize(40);
        assertThat(text(repo, DIR + name + ".md5"))
                .isEqualTo(MavenRepository.hex("MD5", content))
                .hasSize(32);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "",
                "/" + DIR + "maven-metadata.xml",
                DIR,
                DIR + "1.1/slipway-model-api-1.1.jar",
                DIR + "1.0/slipway-model-api-1.0.jar.sha256",
                DIR + "1.0/../1.0/slipway-model-api-1.0.jar",
                "../../../../etc/passwd",
                DIR + "1.0/slipway-model-api-1.0-sources.jar"
            })
    void file_anyOtherPath_isEmpty(String path) throws Exception {
        assertThat(new MavenRepository("1.0", classes()).file(path)).isEmpty();
    }

    @Test
    void file_noModelApiAtTheCodeSource_fails() {
        final MavenRepository repo = new MavenRepository("1.0", tmp.resolve("missing"));
        assertThatThrownBy(() -> repo.file(DIR + "maven-metadata.xml")).hasMessageContaining("neither a jar");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "1.0/x", "..", "1.0<", "-1"})
    void constructor_notAVersion_refused(String version) {
        assertThatThrownBy(() -> new MavenRepository(version, tmp)).isInstanceOf(IllegalArgumentException.class);
    }

    private static String text(MavenRepository repo, String path) throws Exception {
        return new String(repo.file(path).orElseThrow().content(), StandardCharsets.UTF_8);
    }
}
