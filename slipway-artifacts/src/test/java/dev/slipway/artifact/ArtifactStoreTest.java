package dev.slipway.artifact;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Tests for {@link ArtifactStore}. */
class ArtifactStoreTest {

    @TempDir
    Path tmp;

    private ArtifactStore store;

    @BeforeEach
    void setUp() {
        store = new ArtifactStore(tmp.resolve("store"));
    }

    private Path image(String className, String jarName) throws IOException {
        final Path jar = Jars.withClass(tmp.resolve("jars-" + className + "/" + jarName), className);
        final Path out = tmp.resolve("images/" + className + "-" + jarName + ".tar");
        new ServerImageBuilder()
                .build(new ServerImageBuilder.Request(ArtifactRef.parse("x:1"), List.of(jar), className, null), out);
        return out;
    }

    @Test
    void publish_newThenSame_createdThenUnchanged() throws Exception {
        final Path archive = image("com.acme.Scorer", "scorer.jar");
        final ArtifactStore.Published first = store.publish(ArtifactRef.parse("scorer:1.0"), archive);
        assertThat(first.outcome()).isEqualTo(ArtifactStore.Outcome.CREATED);
        assertThat(first.artifact().modelClass()).contains("com.acme.Scorer");
        assertThat(first.artifact().layers()).hasSize(1);
        final ArtifactStore.Published again = store.publish(ArtifactRef.parse("scorer:1.0"), archive);
        assertThat(again.outcome()).isEqualTo(ArtifactStore.Outcome.UNCHANGED);
        assertThat(again.artifact().digest()).isEqualTo(first.artifact().digest());
        assertThat(store.list()).extracting(a -> a.ref().toString()).containsExactly("scorer:1.0");
    }

    @Test
    void publish_sameVersionOtherContent_conflictNamesBoth() throws Exception {
        final ArtifactStore.Published first =
                store.publish(ArtifactRef.parse("scorer:1.0"), image("com.acme.Scorer", "scorer.jar"));
        assertThatThrownBy(() -> store.publish(ArtifactRef.parse("scorer:1.0"), image("com.acme.Other", "other.jar")))
                .isInstanceOf(ArtifactException.class)
                .satisfies(e -> assertThat(((ArtifactException) e).kind()).isEqualTo(ArtifactException.Kind.CONFLICT))
                .hasMessageContaining(
                        "scorer:1.0 is already published as " + first.artifact().digest())
                .hasMessageContaining("publish a new version");
        assertThat(store.require(ArtifactRef.parse("scorer:1.0")).digest())
                .isEqualTo(first.artifact().digest());
    }

    @Test
    void publish_twoVersionsSameContent_shareBlobs() throws Exception {
        final Path archive = image("com.acme.Scorer", "scorer.jar");
        store.publish(ArtifactRef.parse("scorer:1.0"), archive);
        store.publish(ArtifactRef.parse("scorer:1.1"), archive);
        try (Stream<Path> blobs = Files.list(store.root().resolve("blobs/sha256"))) {
            assertThat(blobs.count()).isEqualTo(3);
        }
        assertThat(store.list()).hasSize(2);
    }

    @Test
    void writeArchive_roundTripsIntoAnotherStore() throws Exception {
        final Artifact a = store.publish(ArtifactRef.parse("acme/scorer:2"), image("com.acme.Scorer", "s.jar"))
                .artifact();
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        store.writeArchive(ArtifactRef.parse("acme/scorer:2"), out);
        final ArtifactStore other = new ArtifactStore(tmp.resolve("other"));
        final Artifact copy = other.publish(
                        ArtifactRef.parse("acme/scorer:2"), new ByteArrayInputStream(out.toByteArray()))
                .artifact();
        assertThat(copy.digest()).isEqualTo(a.digest());
    }

    @Test
    void publish_tamperedBlob_refusedNamingIt() throws Exception {
        final byte[] blob = "not what the name says".getBytes(StandardCharsets.UTF_8);
        final byte[] tar = tar("blobs/sha256/" + "0".repeat(64), blob);
        assertThatThrownBy(() -> store.publish(ArtifactRef.parse("bad:1"), new ByteArrayInputStream(tar)))
                .isInstanceOf(ArtifactException.class)
                .hasMessageContaining("archive of bad:1: blob 'blobs/sha256/" + "0".repeat(64) + "' has digest");
        assertThat(store.list()).isEmpty();
    }

    @Test
    void publish_unexpectedEntryOrNoIndex_refused() throws Exception {
        assertThatThrownBy(() -> store.publish(
                        ArtifactRef.parse("bad:1"), new ByteArrayInputStream(tar("../etc/passwd", new byte[] {1}))))
                .hasMessageContaining("unexpected entry '../etc/passwd'");
        assertThatThrownBy(() -> store.publish(
                        ArtifactRef.parse("bad:1"), new ByteArrayInputStream(tar("oci-layout", new byte[] {1}))))
                .hasMessageContaining("no index.json");
        assertThatThrownBy(() -> store.publish(
                        ArtifactRef.parse("bad:1"), new ByteArrayInputStream("hello".getBytes(StandardCharsets.UTF_8))))
                .isInstanceOf(ArtifactException.class);
        assertThatThrownBy(() -> store.publish(
                        ArtifactRef.parse("bad:1"),
                        new ByteArrayInputStream(tar(
                                "index.json",
                                ("{\"manifests\":[{\"digest\":\"sha256:" + "a".repeat(64)
                                                + "\",\"size\":3,\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\"}]}")
                                        .getBytes(StandardCharsets.UTF_8)))))
                .hasMessageContaining("is referenced but missing from the archive");
    }

    @Test
    void ref_malformed_refusedWithExample() {
        assertThatThrownBy(() -> ArtifactRef.parse("scorer")).hasMessageContaining("must be NAME:VERSION");
        assertThatThrownBy(() -> ArtifactRef.parse("Scorer:1")).hasMessageContaining("artifact name 'Scorer'");
        assertThatThrownBy(() -> ArtifactRef.parse("s:../x")).hasMessageContaining("must be NAME:VERSION");
        assertThatThrownBy(() -> ArtifactRef.parse("s:.x")).hasMessageContaining("artifact version '.x'");
        assertThat(ArtifactRef.parse("acme/img.cls:1.0-rc1").name()).isEqualTo("acme/img.cls");
    }

    static byte[] tar(String name, byte[] content) throws IOException {
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(out)) {
            final TarArchiveEntry e = new TarArchiveEntry(name);
            e.setSize(content.length);
            tar.putArchiveEntry(e);
            tar.write(content);
            tar.closeArchiveEntry();
        }
        return out.toByteArray();
    }
}
