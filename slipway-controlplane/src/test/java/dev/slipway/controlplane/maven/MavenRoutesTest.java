package dev.slipway.controlplane.maven;

import static org.assertj.core.api.Assertions.assertThat;

import dev.slipway.controlplane.ControlPlane;
import dev.slipway.controlplane.TestConfigs;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.xpath.XPathFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.w3c.dom.Document;

/**
 * Tests for {@link MavenRoutes}: a real {@code slipway up} control plane on port 0 (the route mounted as
 * {@code slipway up} mounts it), checked over real HTTP.
 */
class MavenRoutesTest {

    private static final String V = ModelApiArtifact.version();
    private static final String DIR = "/maven/dev/slipway/slipway-model-api/";
    private static final String JAR = DIR + V + "/slipway-model-api-" + V + ".jar";

    @TempDir
    Path tmp;

    private ControlPlane plane;
    // HTTP/1.1 as Maven speaks it (no h2c upgrade); every request has a timeout, so a lost answer fails, not hangs
    private final HttpClient http =
            HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    private ControlPlane start(boolean auth) {
        plane = new ControlPlane(TestConfigs.noModelServers(tmp.resolve("data")).withAuth(auth)).start();
        return plane;
    }

    @AfterEach
    void stop() {
        if (plane != null) {
            plane.close();
        }
    }

    private HttpResponse<byte[]> send(String method, String path) throws Exception {
        return http.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + plane.apiPort() + path))
                        .timeout(java.time.Duration.ofSeconds(20))
                        .method(method, HttpRequest.BodyPublishers.noBody())
                        .build(),
                HttpResponse.BodyHandlers.ofByteArray());
    }

    private String text(String path) throws Exception {
        final HttpResponse<byte[]> r = send("GET", path);
        assertThat(r.statusCode()).as(path).isEqualTo(200);
        return new String(r.body(), StandardCharsets.UTF_8);
    }

    @Test
    void jar_isTheModelApi_andItsChecksumsMatch() throws Exception {
        start(false);
        final HttpResponse<byte[]> jar = send("GET", JAR);
        assertThat(jar.statusCode()).isEqualTo(200);
        assertThat(jar.headers().firstValue("Content-Type")).hasValue("application/java-archive");
        final List<String> names = new ArrayList<>();
        try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(jar.body()))) {
            for (ZipEntry e = zip.getNextEntry(); e != null; e = zip.getNextEntry()) {
                names.add(e.getName());
            }
        }
        assertThat(names).contains("dev/slipway/model/Model.class", "dev/slipway/model/ModelFactory.class");
        assertThat(text(JAR + ".sha1")).isEqualTo(MavenRepository.hex("SHA-1", jar.body()));
        assertThat(text(JAR + ".md5")).isEqualTo(MavenRepository.hex("MD5", jar.body()));
        assertThat(send("GET", JAR).body()).as("built once, the same bytes").isEqualTo(jar.body());
    }

    @Test
    void jar_toTheJdkClientsDefaultHttp2Upgrade_isAnsweredOverHttp11() throws Exception {
        start(false);
        // the JDK client's default: HTTP/2, tried as an h2c upgrade on http://. Against an API that accepted the
        // upgrade
        // this GET hung forever (the request timeout never fired), so the wait is bounded here, not by the client.
        final HttpClient h2 = HttpClient.newHttpClient();
        final HttpResponse<byte[]> r = h2.sendAsync(
                        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + plane.apiPort() + JAR))
                                .build(),
                        HttpResponse.BodyHandlers.ofByteArray())
                .get(30, java.util.concurrent.TimeUnit.SECONDS);
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.version()).isEqualTo(HttpClient.Version.HTTP_1_1);
        assertThat(r.body()).isEqualTo(send("GET", JAR).body());
    }

    @Test
    void metadata_parsesAndNamesTheVersion() throws Exception {
        start(false);
        final Document artifact = xml(text(DIR + "maven-metadata.xml"));
        assertThat(xpath(artifact, "/metadata/artifactId")).isEqualTo("slipway-model-api");
        assertThat(xpath(artifact, "/metadata/versioning/versions/version")).isEqualTo(V);
        assertThat(xpath(artifact, "/metadata/versioning/latest")).isEqualTo(V);
        assertThat(xpath(artifact, "/metadata/versioning/lastUpdated")).matches("\\d{14}");

        final Document version = xml(text(DIR + V + "/maven-metadata.xml"));
        assertThat(xpath(version, "/metadata/version")).isEqualTo(V);
        if (V.endsWith("-SNAPSHOT")) {
            final String timestamp = xpath(version, "/metadata/versioning/snapshot/timestamp");
            assertThat(timestamp).matches("\\d{8}\\.\\d{6}");
            assertThat(xpath(version, "/metadata/versioning/snapshot/buildNumber"))
                    .isEqualTo("1");
            final String value =
                    xpath(version, "/metadata/versioning/snapshotVersions/snapshotVersion[extension='jar']/value");
            assertThat(value).isEqualTo(V.replace("-SNAPSHOT", "") + "-" + timestamp + "-1");
            // the timestamped file the metadata names is the same jar
            assertThat(send("GET", DIR + V + "/slipway-model-api-" + value + ".jar")
                            .body())
                    .isEqualTo(send("GET", JAR).body());
        }
        final String sha1 = text(DIR + "maven-metadata.xml.sha1");
        assertThat(sha1)
                .isEqualTo(MavenRepository.hex(
                        "SHA-1", send("GET", DIR + "maven-metadata.xml").body()));
    }

    @Test
    void pom_isValidAndHasNoDependencies() throws Exception {
        start(false);
        final Document pom = xml(text(DIR + V + "/slipway-model-api-" + V + ".pom"));
        assertThat(xpath(pom, "/project/groupId")).isEqualTo("dev.slipway");
        assertThat(xpath(pom, "/project/artifactId")).isEqualTo("slipway-model-api");
        assertThat(xpath(pom, "/project/version")).isEqualTo(V);
        assertThat(xpath(pom, "/project/modelVersion")).isEqualTo("4.0.0");
        assertThat(xpath(pom, "count(//dependency)")).isEqualTo("0");
    }

    @Test
    void head_givesTheLengthAndNoBody() throws Exception {
        start(false);
        final int length = send("GET", JAR).body().length;
        final HttpResponse<byte[]> head = send("HEAD", JAR);
        assertThat(head.statusCode()).isEqualTo(200);
        assertThat(head.headers().firstValue("Content-Length")).hasValue(Integer.toString(length));
        assertThat(head.body()).isEmpty();
        assertThat(send("HEAD", DIR + "nothing.jar").statusCode()).isEqualTo(404);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "/maven/",
                DIR,
                DIR + "0.0.0/slipway-model-api-0.0.0.jar",
                "JAR.sha256",
                "JAR.asc",
                "/maven/dev/slipway/slipway-cli/maven-metadata.xml",
                DIR + "V/slipway-model-api-V-sources.jar"
            })
    void unknownPaths_are404PlainText(String template) throws Exception {
        start(false);
        final String path = template.replace("JAR", JAR).replace("V", V);
        final HttpResponse<byte[]> r = send("GET", path);
        assertThat(r.statusCode()).isEqualTo(404);
        assertThat(r.headers().firstValue("Content-Type"))
                .hasValueSatisfying(t -> assertThat(t).startsWith("text/plain"));
        assertThat(new String(r.body(), StandardCharsets.UTF_8))
                .contains("not found")
                .contains(V);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "/maven/../pom.xml",
                "/maven/%2e%2e/%2e%2e/%2e%2e/etc/passwd",
                "/maven/dev/slipway/slipway-model-api/..%2f..%2f..%2f..%2fetc%2fpasswd",
                "/maven/dev/%2E%2E/%2E%2E/%2E%2E/slipway-controlplane/pom.xml",
                "/maven/..%5c..%5cpom.xml"
            })
    void traversal_neverReadsAFile(String path) throws Exception {
        start(false);
        final HttpResponse<byte[]> r = send("GET", path);
        assertThat(r.statusCode()).isIn(400, 404);
        assertThat(new String(r.body(), StandardCharsets.UTF_8))
                .doesNotContain("root:")
                .doesNotContain("<project");
    }

    @ParameterizedTest
    @ValueSource(strings = {"POST", "PUT", "DELETE", "PATCH"})
    void otherMethods_are405(String method) throws Exception {
        start(false);
        final HttpResponse<byte[]> r = send(method, JAR);
        assertThat(r.statusCode()).isEqualTo(405);
        assertThat(r.headers().firstValue("Allow")).hasValue("GET, HEAD");
    }

    @Test
    void withAuth_servedWithoutAToken_whileTheApiStillNeedsOne() throws Exception {
        start(true);
        assertThat(send("GET", JAR).statusCode()).isEqualTo(200);
        assertThat(send("HEAD", DIR + "maven-metadata.xml").statusCode()).isEqualTo(200);
        assertThat(send("GET", DIR + "nothing").statusCode()).isEqualTo(404);
        assertThat(send("POST", JAR).statusCode()).isEqualTo(405);
        assertThat(send("GET", "/api/v1/deployments").statusCode()).isEqualTo(401);
        // the open prefix is judged on the path the router matches: climbing out of it is not open
        assertThat(send("GET", "/maven/../api/v1/deployments").statusCode()).isEqualTo(401);
        assertThat(send("GET", "/maven/%2e%2e/api/v1/deployments").statusCode()).isEqualTo(401);
    }

    private static Document xml(String text) throws Exception {
        final DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        return f.newDocumentBuilder().parse(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)));
    }

    private static String xpath(Document doc, String expression) throws Exception {
        return XPathFactory.newInstance().newXPath().evaluate(expression, doc);
    }
}
