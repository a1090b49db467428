package dev.slipway.cli.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.slipway.cli.Cli;
import dev.slipway.cli.SlipwayProcess;
import dev.slipway.testing.LocalRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code slipway image build} against a real OCI registry (Debian's docker-registry on a free loopback port): the
 * distribution image pushed, pulled back by digest (manifest and every blob), built twice with the same digest, on a
 * base pulled from the registry; an OCI layout written; a registry that refuses the push is reported.
 */
class ImageBuildIT {

    static final HttpClient HTTP =
            HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    static final String OCI_MANIFEST = "application/vnd.oci.image.manifest.v1+json";

    @TempDir
    Path tmp;

    /** A small stand-in distribution: two jars. */
    Path distribution() throws Exception {
        final Path dir = tmp.resolve("dist");
        Files.createDirectories(dir.resolve("lib"));
        Files.write(
                dir.resolve("slipway.jar"),
                new byte[] {0x50, 0x4b, 5, 6, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0});
        Files.writeString(dir.resolve("lib/dep-1.0.jar"), "not really a jar, but bytes all the same");
        return dir;
    }

    static JsonNode get(String url, String accept, byte[][] body) throws Exception {
        final HttpResponse<byte[]> r = HTTP.send(
                HttpRequest.newBuilder(URI.create(url)).header("Accept", accept).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(r.statusCode()).as(url).isEqualTo(200);
        body[0] = r.body();
        return accept.contains("json") ? new ObjectMapper().readTree(r.body()) : null;
    }

    /** {@code slipway image build} of the distribution in {@code dist} on the registry's base:1, then {@code more}. */
    private static Cli.Run buildOnBase(LocalRegistry registry, Path dist, String... more) {
        final java.util.List<String> args = new java.util.ArrayList<>(java.util.List.of(
                "image", "build", "--base", registry.host() + "/base:1", "--distribution", dist.toString()));
        args.addAll(java.util.List.of(more));
        return Cli.run(args.toArray(String[]::new));
    }

    @Test
    void build_pushPullByDigest_reproducible_onARegistryBase_layout() throws Exception {
        assumeTrue(LocalRegistry.available(), "docker-registry is not installed (.ci/run installs it)");
        try (LocalRegistry registry = LocalRegistry.start(tmp.resolve("registry"))) {
            final Path dist = distribution();
            // a base image in the registry (scratch plus a layer), as a JRE base would be
            final Path baseJar = Files.writeString(tmp.resolve("base-file.jar"), "base layer");
            final Cli.Run base = Cli.run(
                    "image",
                    "build",
                    "--base",
                    "scratch",
                    "--jar",
                    baseJar.toString(),
                    "--model-class",
                    "x.Y",
                    "--push",
                    registry.host() + "/base:1");
            assertThat(base.err()).contains("base-file.jar: not a jar");
            // this push through the distribution (the packaged jar and its lib/, as a user runs it), whose classpath
            // is not the tests': Jib's HTTP client once missed a jar there that the tests' classpath had
            try (SlipwayProcess baseBuilt = SlipwayProcess.start(
                    "image",
                    "build",
                    "--base",
                    "scratch",
                    "--distribution",
                    tmp.resolve("dist").toString(),
                    "--push",
                    registry.host() + "/base:1")) {
                assertThat(baseBuilt.awaitExit(java.time.Duration.ofMinutes(2)))
                        .as(baseBuilt.err())
                        .isZero();
            }

            final String ref = registry.host() + "/slipway-server:0.1.0";
            final Cli.Run first = buildOnBase(registry, dist, "--push", ref);
            assertThat(first.code()).as(first.err()).isZero();
            final String digest = first.out().split("\\s+")[0];
            assertThat(digest).matches("sha256:[0-9a-f]{64}");
            assertThat(first.out()).contains(registry.host() + "/slipway-server@" + digest);

            final byte[][] body = new byte[1][];
            final JsonNode manifest =
                    get(registry.url() + "/v2/slipway-server/manifests/" + digest, OCI_MANIFEST, body);
            assertThat("sha256:"
                            + HexFormat.of()
                                    .formatHex(
                                            MessageDigest.getInstance("SHA-256").digest(body[0])))
                    .isEqualTo(digest);
            assertThat(manifest.path("layers")).hasSize(2).as("the base's layer and the distribution's");
            for (final JsonNode blob : manifest.path("layers")) {
                get(
                        registry.url() + "/v2/slipway-server/blobs/"
                                + blob.path("digest").asText(),
                        "*/*",
                        body);
                assertThat((long) body[0].length).isEqualTo(blob.path("size").asLong());
            }
            final JsonNode config = get(
                    registry.url() + "/v2/slipway-server/blobs/"
                            + manifest.path("config").path("digest").asText(),
                    "application/json",
                    body);
            assertThat(config.path("config").path("Entrypoint").toString())
                    .isEqualTo("[\"java\",\"-cp\",\"/app/lib/*\",\"dev.slipway.cli.Slipway\"]");

            final Cli.Run second = buildOnBase(registry, dist, "--push", registry.host() + "/slipway-server:again");
            assertThat(second.out().split("\\s+")[0])
                    .as("same inputs, same digest")
                    .isEqualTo(digest);

            final Cli.Run layout =
                    buildOnBase(registry, dist, "-o", tmp.resolve("layout").toString());
            assertThat(layout.code()).as(layout.err()).isZero();
            assertThat(tmp.resolve("layout/oci-layout")).exists();
            assertThat(tmp.resolve("layout/blobs/sha256/" + digest.substring(7)))
                    .exists();
        }
    }

    @Test
    void build_registryUnreachableOrBadReference_clearErrors() throws Exception {
        final Path dist = distribution();
        final int port;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        final Cli.Run refused = Cli.run(
                "image",
                "build",
                "--base",
                "scratch",
                "--distribution",
                dist.toString(),
                "--push",
                "127.0.0.1:" + port + "/slipway-server:1");
        assertThat(refused.code()).isEqualTo(1);
        assertThat(refused.err()).contains("cannot build the server image");
        assertThat(Cli.run("image", "build", "--distribution", dist.toString(), "--push", "UPPER CASE/x")
                        .err())
                .contains("is not an image reference");
        assertThat(Cli.run("image", "build", "--distribution", dist.toString()).err())
                .contains("give exactly one of --push REF and -o DIR");
    }
}
