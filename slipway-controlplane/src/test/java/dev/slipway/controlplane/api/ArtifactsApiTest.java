package dev.slipway.controlplane.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.slipway.api.ArtifactInfo;
import dev.slipway.api.ArtifactPublished;
import dev.slipway.artifact.ArtifactRef;
import dev.slipway.artifact.ServerImageBuilder;
import dev.slipway.client.SlipwayException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarOutputStream;
import java.util.zip.ZipEntry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Tests for {@link ArtifactsApi} through the real {@link ApiServer} and client: publish, list, show, download. */
class ArtifactsApiTest {

    @TempDir
    Path tmp;

    private Path image(String ref, String modelClass) throws Exception {
        final Path jar = tmp.resolve(modelClass + ".jar");
        try (OutputStream out = Files.newOutputStream(jar);
                JarOutputStream j = new JarOutputStream(out)) {
            j.putNextEntry(new ZipEntry(modelClass.replace('.', '/') + ".class"));
            j.write(new byte[] {(byte) 0xCA, (byte) 0xFE, (byte) 0xBA, (byte) 0xBE});
            j.closeEntry();
        }
        final Path archive = tmp.resolve(ref.replace(':', '-').replace('/', '-') + "-" + modelClass + ".tar");
        new ServerImageBuilder()
                .build(new ServerImageBuilder.Request(ArtifactRef.parse(ref), List.of(jar), modelClass, null), archive);
        return archive;
    }

    @Test
    void publish_listShowDownload_roundTrip() throws Exception {
        try (TestPlane t = TestPlane.start(tmp)) {
            assertThat(t.client.artifacts()).isEmpty();
            final Path archive = image("team/server:1.0.0", "com.example.Model");
            final ArtifactPublished published = t.client.publishArtifact("team/server", "1.0.0", archive);
            assertThat(published.outcome()).isEqualTo("created");
            final ArtifactInfo info = published.artifact();
            assertThat(info.name()).isEqualTo("team/server");
            assertThat(info.digest()).startsWith("sha256:");
            assertThat(info.labels()).containsValue("com.example.Model");
            assertThat(t.client.publishArtifact("team/server", "1.0.0", archive).outcome())
                    .isEqualTo("unchanged");
            assertThat(t.client.artifacts()).containsExactly(info);
            assertThat(t.client.artifact("team/server", "1.0.0")).isEqualTo(info);
            final Path copy = t.client.downloadArtifact("team/server", "1.0.0", tmp.resolve("copy.tar"));
            assertThat(Files.size(copy)).isPositive();
        }
    }

    @Test
    void unknown_404_otherContent_409() throws Exception {
        try (TestPlane t = TestPlane.start(tmp)) {
            assertThatThrownBy(() -> t.client.artifact("x", "1")).isInstanceOfSatisfying(SlipwayException.class, e -> {
                assertThat(e.status()).isEqualTo(404);
                assertThat(e.getMessage()).contains("x:1");
            });
            t.client.publishArtifact("server", "1", image("server:1", "com.example.Model"));
            final Path changed = image("server:1", "com.example.Other");
            assertThatThrownBy(() -> t.client.publishArtifact("server", "1", changed))
                    .isInstanceOfSatisfying(
                            SlipwayException.class, e -> assertThat(e.status()).isEqualTo(409));
        }
    }
}
