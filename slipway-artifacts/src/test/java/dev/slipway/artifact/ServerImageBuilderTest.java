package dev.slipway.artifact;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Tests for {@link ServerImageBuilder}. */
class ServerImageBuilderTest {

    @TempDir
    Path tmp;

    @Test
    void build_sameJarsTwice_sameDigest() throws Exception {
        final Path jar = Jars.withClass(tmp.resolve("in/scorer.jar"), "com.acme.Scorer");
        final ServerImageBuilder.Request request =
                new ServerImageBuilder.Request(ArtifactRef.parse("scorer:1"), List.of(jar), "com.acme.Scorer", null);
        final String first = new ServerImageBuilder().build(request, tmp.resolve("a/image.tar"));
        final String second = new ServerImageBuilder().build(request, tmp.resolve("b/image.tar"));
        assertThat(first).startsWith("sha256:").isEqualTo(second);
        assertThat(Files.size(tmp.resolve("a/image.tar"))).isPositive();
    }

    @Test
    void build_classMissing_namesIt() throws Exception {
        final Path jar = Jars.withClass(tmp.resolve("in/scorer.jar"), "com.acme.Scorer");
        assertThatThrownBy(() -> new ServerImageBuilder()
                        .build(
                                new ServerImageBuilder.Request(
                                        ArtifactRef.parse("scorer:1"), List.of(jar), "com.acme.Other", null),
                                tmp.resolve("x.tar")))
                .isInstanceOf(ArtifactException.class)
                .hasMessageContaining("com.acme.Other is in none of the jars");
    }

    @Test
    void build_notAJar_namesTheFile() throws Exception {
        final Path bad = Files.writeString(tmp.resolve("bad.jar"), "hello");
        assertThatThrownBy(() -> new ServerImageBuilder()
                        .build(
                                new ServerImageBuilder.Request(
                                        ArtifactRef.parse("scorer:1"), List.of(bad), "com.acme.Scorer", null),
                                tmp.resolve("x.tar")))
                .isInstanceOf(ArtifactException.class)
                .hasMessageContaining("bad.jar: not a jar");
    }

    @Test
    void build_bothOrNeitherClass_refused() throws Exception {
        final Path jar = Jars.withClass(tmp.resolve("in/scorer.jar"), "com.acme.Scorer");
        assertThatThrownBy(() -> new ServerImageBuilder()
                        .build(
                                new ServerImageBuilder.Request(
                                        ArtifactRef.parse("scorer:1"),
                                        List.of(jar),
                                        "com.acme.Scorer",
                                        "com.acme.Main"),
                                tmp.resolve("x.tar")))
                .hasMessageContaining("exactly one of --model-class");
    }
}
