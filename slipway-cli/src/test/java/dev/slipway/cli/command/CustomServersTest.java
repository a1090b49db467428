package dev.slipway.cli.command;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.slipway.cli.Cli;
import dev.slipway.cli.DigitImages;
import dev.slipway.controlplane.ControlPlane;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.function.BooleanSupplier;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * A reusable custom server end to end on one {@code slipway up}: the image classifier example compiled against the
 * model API, published as an artifact, registered as IMAGE_CLASSIFIER in the GitOps repository, tested in the
 * sandbox, promoted to staging and (approved) production by a model repository that only has an ONNX model, and
 * asked PNGs of digits through the gateway. Steps share the plane and run in order.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class CustomServersTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String CLASS = "com.example.imageclassifier.ImageClassifier";

    @TempDir
    static Path dir;

    private static Path gitops;
    private static Path jar;
    private static Path modelRepo;
    private static ControlPlane plane;

    @BeforeAll
    static void start() throws Exception {
        gitops = InProcessPlanes.gitopsInit(dir.resolve("gitops.git"), "alice", "bob");
        jar = compileExample();
        modelRepo = Files.createDirectories(dir.resolve("digits-model"));
        Files.createDirectories(modelRepo.resolve("model"));
        Files.copy(fixtures().resolve("digits-cnn-onnx/model.onnx"), modelRepo.resolve("model/model.onnx"));
        Files.createDirectories(modelRepo.resolve("deploy"));
        Files.writeString(modelRepo.resolve("deploy/digits.yaml"), """
        apiVersion: machinelearning.seldon.io/v1
        kind: SeldonDeployment
        metadata: {name: digits}
        spec:
          predictors:
          - name: default
            graph: {name: classifier, type: MODEL, implementation: IMAGE_CLASSIFIER, modelUri: ../model}
        """);
        plane = InProcessPlanes.start(dir.resolve("data"), gitops);
    }

    @AfterAll
    static void stop() throws InterruptedException {
        InProcessPlanes.stop(plane);
    }

    static Path fixtures() {
        return Path.of(System.getProperty("slipway.fixtures", "../../shared/fixtures"));
    }

    /** javac of examples/image-classifier-server against the model API on this JVM's classpath, into a jar. */
    static Path compileExample() throws Exception {
        final Path src = Path.of("..", "examples", "image-classifier-server", "src", "main", "java");
        final Path classes = Files.createDirectories(dir.resolve("classes"));
        final java.util.List<String> args = new java.util.ArrayList<>(
                java.util.List.of("-d", classes.toString(), "-cp", System.getProperty("java.class.path")));
        try (Stream<Path> files = Files.walk(src)) {
            files.filter(p -> p.toString().endsWith(".java")).forEach(p -> args.add(p.toString()));
        }
        assertThat(ToolProvider.getSystemJavaCompiler().run(null, null, null, args.toArray(String[]::new)))
                .isZero();
        final Path out = dir.resolve("image-classifier.jar");
        try (OutputStream o = Files.newOutputStream(out);
                JarOutputStream j = new JarOutputStream(o);
                Stream<Path> files = Files.walk(classes)) {
            for (final Path f : files.filter(Files::isRegularFile).sorted().toList()) {
                j.putNextEntry(new JarEntry(classes.relativize(f).toString().replace('\\', '/')));
                j.write(Files.readAllBytes(f));
                j.closeEntry();
            }
        }
        return out;
    }

    private static String api() {
        return "http://127.0.0.1:" + plane.apiPort();
    }

    private static HttpResponse<String> predict(String ns, String body) throws Exception {
        return InProcessPlanes.predict(plane, ns, "digits", body);
    }

    private static boolean served(String ns) {
        try {
            return predict(ns, "{\"data\":{\"ndarray\":[[0,0],[0,0]]}}").statusCode() == 200;
        } catch (Exception e) {
            return false;
        }
    }

    private static void await(String what, BooleanSupplier condition) throws InterruptedException {
        InProcessPlanes.await(what, Duration.ofSeconds(60), condition);
    }

    /** {@code slipway artifact push REF JAR --model-class|--main-class CLASS} to the plane. */
    private static Cli.Run push(String ref, Path jar, String entry) {
        return Cli.run("artifact", "push", "--server", api(), ref, jar.toString(), entry, CLASS);
    }

    @Test
    @Order(1)
    void push_publishesOnceAndRefusesOtherContentForTheSameVersion() throws Exception {
        final Cli.Run first = push("image-classifier:1.0.0", jar, "--model-class");
        assertThat(first.code()).as(first.err()).isZero();
        assertThat(first.out()).contains("image-classifier:1.0.0 sha256:").contains("published");
        assertThat(push("image-classifier:1.0.0", jar, "--model-class").out()).contains("unchanged");
        final Cli.Run other = push("image-classifier:1.0.0", jar, "--main-class");
        assertThat(other.code()).isEqualTo(1);
        assertThat(other.err()).contains("image-classifier:1.0.0 is already published as");
        assertThat(Cli.run("artifact", "list", "--server", api()).out()).contains("image-classifier", "1.0.0", CLASS);
        final Cli.Run missing = push("x:1", dir.resolve("nope.jar"), "--model-class");
        assertThat(missing.err()).contains("nope.jar: no such file");
    }

    @Test
    @Order(2)
    void register_commitsTheRegistry() {
        final Cli.Run r = Cli.run(
                "servers",
                "register",
                "IMAGE_CLASSIFIER",
                "--image",
                "image-classifier:1.0.0",
                "--model-class",
                CLASS,
                "--gitops",
                gitops.toString(),
                "--author",
                "ci");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("Server registered: IMAGE_CLASSIFIER: image-classifier:1.0.0");
    }

    @Test
    @Order(3)
    void e2e_sandboxResolvesTheRegisteredServer() throws Exception {
        final JsonNode inputs =
                JSON.readTree(fixtures().resolve("digits-cnn-onnx/inputs.json").toFile());
        final JsonNode labels = JSON.readTree(
                        fixtures().resolve("digits-cnn-onnx/expected.json").toFile())
                .path("label");
        final String b64 = Base64.getEncoder().encodeToString(DigitImages.png(inputs.at("/data/ndarray/0")));
        Files.writeString(modelRepo.resolve("cases.yaml"), """
        - name: a PNG of a digit
          deployment: digits
          request: {binData: "%s"}
          expect: {data: {ndarray: [%d]}}
        - name: not an image
          deployment: digits
          request: {binData: "aGVsbG8="}
          status: 400
        """.formatted(
                        b64, labels.get(0).asInt()));
        InProcessPlanes.e2e(plane, gitops, modelRepo.resolve("deploy"), modelRepo.resolve("cases.yaml"));
    }

    @Test
    @Order(4)
    void staging_answersPngsOfDigitsThroughTheGateway() throws Exception {
        InProcessPlanes.promote(gitops, "staging", modelRepo.resolve("deploy"));
        await("staging serves digits", () -> served("staging"));
        final JsonNode inputs = JSON.readTree(
                        fixtures().resolve("digits-cnn-onnx/inputs.json").toFile())
                .at("/data/ndarray");
        final JsonNode labels = JSON.readTree(
                        fixtures().resolve("digits-cnn-onnx/expected.json").toFile())
                .path("label");
        assertThat(inputs.size()).isEqualTo(labels.size()).isGreaterThan(5);
        for (int i = 0; i < inputs.size(); i++) {
            final String body =
                    "{\"binData\":\"" + Base64.getEncoder().encodeToString(DigitImages.png(inputs.get(i))) + "\"}";
            final HttpResponse<String> r = predict("staging", body);
            assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
            assertThat(JSON.readTree(r.body()).at("/data/ndarray/0").asInt())
                    .as("image %d", i)
                    .isEqualTo(labels.get(i).asInt());
        }
        // pixel arrays: the same digits as 0..255 ink intensities, 8x8, in one batch
        final StringBuilder batch = new StringBuilder("{\"data\":{\"ndarray\":[");
        for (int i = 0; i < inputs.size(); i++) {
            batch.append(i == 0 ? "" : ",").append("[");
            for (int y = 0; y < 8; y++) {
                batch.append(y == 0 ? "" : ",").append("[");
                for (int x = 0; x < 8; x++) {
                    batch.append(x == 0 ? "" : ",")
                            .append(Math.round(
                                    inputs.get(i).get(0).get(y).get(x).asDouble() * 255));
                }
                batch.append("]");
            }
            batch.append("]");
        }
        final HttpResponse<String> r = predict("staging", batch.append("]}}").toString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        final JsonNode got = JSON.readTree(r.body()).at("/data/ndarray");
        for (int i = 0; i < labels.size(); i++) {
            assertThat(got.get(i).asInt())
                    .as("array %d", i)
                    .isEqualTo(labels.get(i).asInt());
        }
    }

    @Test
    @Order(5)
    void badImages_are400sNamingTheProblem() throws Exception {
        final HttpResponse<String> notImage = predict("staging", "{\"binData\":\"aGVsbG8=\"}");
        assertThat(notImage.statusCode()).isEqualTo(400);
        assertThat(notImage.body()).contains("binData is not an image");
        final HttpResponse<String> shape = predict("staging", "{\"data\":{\"ndarray\":[[[[1,2],[3,4]]],[[[1]]]]}}");
        assertThat(shape.statusCode()).isEqualTo(400);
        final BufferedImage huge = new BufferedImage(2100, 2000, BufferedImage.TYPE_BYTE_GRAY);
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(huge, "png", out);
        final HttpResponse<String> big =
                predict("staging", "{\"binData\":\"" + Base64.getEncoder().encodeToString(out.toByteArray()) + "\"}");
        assertThat(big.statusCode()).isEqualTo(400);
        assertThat(big.body()).contains("2100x2000 pixels exceeds the limit of 4000000 pixels");
    }

    @Test
    @Order(6)
    void production_afterApproval_andServersShowListsTheUsers() throws Exception {
        InProcessPlanes.promoteAndApprove(plane, gitops, modelRepo.resolve("deploy"), "alice");
        await("production serves digits", () -> served("production"));
        final Cli.Run show = Cli.run("servers", "show", "IMAGE_CLASSIFIER", "--gitops", gitops.toString());
        // the "used by" table (one formatter: columns as wide as their widest value)
        assertThat(show.out())
                .contains("image-classifier:1.0.0")
                .containsPattern("staging\\s+digits\\s+classifier\\s+implementation ")
                .containsPattern("production\\s+digits\\s+classifier\\s+implementation ");
    }

    @Test
    @Order(7)
    void unknownImage_failsTheDeploymentNamingItAndGetShowsIt() throws Exception {
        final Path bad = dir.resolve("bad.yaml");
        Files.writeString(bad, """
        apiVersion: machinelearning.seldon.io/v1
        kind: SeldonDeployment
        metadata: {name: ghost}
        spec:
          predictors:
          - name: default
            componentSpecs: [{spec: {containers: [{name: m, image: "ghost-server:9.9"}]}}]
            graph: {name: m, type: MODEL}
        """);
        final Cli.Run deploy = Cli.run("deploy", "-f", bad.toString(), "--wait", "--server", api());
        assertThat(deploy.code()).isNotZero();
        assertThat(deploy.out() + deploy.err()).contains("image 'ghost-server:9.9' is not in the artifact store");
        final Cli.Run get = Cli.run("get", "deployments", "-o", "json", "--server", api());
        assertThat(get.out()).contains("ghost-server:9.9");
        assertThat(served("staging")).isTrue();
    }
}
