package dev.slipway.artifact;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Tests for {@link ImageResolver}. */
class ImageResolverTest {

    @TempDir
    Path tmp;

    @Test
    void resolve_published_extractsJarsOnce() throws Exception {
        final ArtifactStore store = new ArtifactStore(tmp.resolve("store"));
        final Path jar = Jars.withClass(tmp.resolve("in/scorer.jar"), "com.acme.Scorer");
        final Path dep = Jars.withClass(tmp.resolve("in/dep.jar"), "com.acme.Dep");
        final Path archive = tmp.resolve("image.tar");
        new ServerImageBuilder()
                .build(
                        new ServerImageBuilder.Request(
                                ArtifactRef.parse("scorer:1"), List.of(jar, dep), "com.acme.Scorer", null),
                        archive);
        store.publish(ArtifactRef.parse("scorer:1"), archive);
        final ImageResolver resolver = new ImageResolver(store, tmp.resolve("cache"), null);
        final ResolvedImage image = resolver.resolve("scorer:1");
        assertThat(image.classpath())
                .extracting(p -> p.getFileName().toString())
                .containsExactly("dep.jar", "scorer.jar");
        assertThat(Files.readAllBytes(image.classpath().get(1))).isEqualTo(Files.readAllBytes(jar));
        assertThat(image.artifact().modelClass()).contains("com.acme.Scorer");
        final long modified =
                Files.getLastModifiedTime(image.classpath().get(1)).toMillis();
        assertThat(resolver.resolve("scorer:1").root()).isEqualTo(image.root());
        assertThat(Files.getLastModifiedTime(image.classpath().get(1)).toMillis())
                .isEqualTo(modified);
    }

    @Test
    void resolve_unknown_namesTheReference() {
        final ImageResolver resolver = new ImageResolver(new ArtifactStore(tmp.resolve("s")), tmp.resolve("c"), null);
        assertThatThrownBy(() -> resolver.resolve("nothing:1"))
                .isInstanceOf(ArtifactException.class)
                .hasMessageContaining("image 'nothing:1' is not in the artifact store");
        assertThatThrownBy(() -> resolver.resolve("nothing")).hasMessageContaining("must be NAME:VERSION");
    }

    @Test
    void resolve_fromFallback_copiesIntoStore() throws Exception {
        final ArtifactStore upstream = new ArtifactStore(tmp.resolve("up"));
        final Path jar = Jars.withClass(tmp.resolve("in/scorer.jar"), "com.acme.Scorer");
        final Path archive = tmp.resolve("image.tar");
        new ServerImageBuilder()
                .build(
                        new ServerImageBuilder.Request(
                                ArtifactRef.parse("scorer:1"), List.of(jar), "com.acme.Scorer", null),
                        archive);
        upstream.publish(ArtifactRef.parse("scorer:1"), archive);
        final ArtifactStore local = new ArtifactStore(tmp.resolve("local"));
        final ArtifactSource source = (ref, into) -> {
            if (upstream.find(ref).isEmpty()) {
                return false;
            }
            final ByteArrayOutputStream out = new ByteArrayOutputStream();
            try {
                upstream.writeArchive(ref, out);
            } catch (java.io.IOException e) {
                throw new IllegalStateException(e);
            }
            into.publish(ref, new java.io.ByteArrayInputStream(out.toByteArray()));
            return true;
        };
        final ImageResolver resolver = new ImageResolver(local, tmp.resolve("cache"), source);
        assertThat(resolver.resolve("scorer:1").classpath()).hasSize(1);
        assertThat(local.find(ArtifactRef.parse("scorer:1"))).isPresent();
        assertThatThrownBy(() -> resolver.resolve("scorer:2"))
                .hasMessageContaining("'scorer:2' is not in the artifact");
    }

    @Test
    void resolve_layerEscapingTheFolder_refused() throws Exception {
        final byte[] layer = gzip(ArtifactStoreTest.tar("../../evil.jar", new byte[] {1, 2}));
        final byte[] config = "{\"config\":{\"Labels\":{}}}".getBytes(StandardCharsets.UTF_8);
        final String layerDigest = sha(layer);
        final String configDigest = sha(config);
        final byte[] manifest =
                ("{\"schemaVersion\":2,\"config\":{\"mediaType\":\"application/vnd.oci.image.config.v1+json\","
                                + "\"digest\":\"sha256:" + configDigest + "\",\"size\":" + config.length
                                + "},\"layers\":[{\"mediaType\":"
                                + "\"application/vnd.oci.image.layer.v1.tar+gzip\",\"digest\":\"sha256:" + layerDigest
                                + "\",\"size\":"
                                + layer.length + "}]}")
                        .getBytes(StandardCharsets.UTF_8);
        final byte[] index = ("{\"manifests\":[{\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\","
                        + "\"digest\":\"sha256:" + sha(manifest) + "\",\"size\":" + manifest.length + "}]}")
                .getBytes(StandardCharsets.UTF_8);
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (var tar = new org.apache.commons.compress.archivers.tar.TarArchiveOutputStream(out)) {
            for (final Object[] e : new Object[][] {
                {"index.json", index},
                {"blobs/sha256/" + layerDigest, layer},
                {"blobs/sha256/" + configDigest, config},
                {"blobs/sha256/" + sha(manifest), manifest}
            }) {
                final var entry = new org.apache.commons.compress.archivers.tar.TarArchiveEntry((String) e[0]);
                entry.setSize(((byte[]) e[1]).length);
                tar.putArchiveEntry(entry);
                tar.write((byte[]) e[1]);
                tar.closeArchiveEntry();
            }
        }
        final ArtifactStore store = new ArtifactStore(tmp.resolve("store"));
        store.publish(ArtifactRef.parse("evil:1"), new java.io.ByteArrayInputStream(out.toByteArray()));
        final ImageResolver resolver = new ImageResolver(store, tmp.resolve("cache"), null);
        assertThatThrownBy(() -> resolver.resolve("evil:1"))
                .isInstanceOf(ArtifactException.class)
                .hasMessageContaining("entry '../../evil.jar' escapes the image folder");
        assertThat(tmp.resolve("evil.jar")).doesNotExist();
        try (var left = Files.list(tmp.resolve("cache"))) {
            assertThat(left.toList()).isEmpty();
        }
    }

    private static byte[] gzip(byte[] bytes) throws Exception {
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(bytes);
        }
        return out.toByteArray();
    }

    private static String sha(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }
}
