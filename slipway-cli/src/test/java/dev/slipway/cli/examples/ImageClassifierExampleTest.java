package dev.slipway.cli.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.slipway.artifact.ArtifactRef;
import dev.slipway.artifact.ArtifactStore;
import dev.slipway.artifact.ServerImageBuilder;
import dev.slipway.cli.Cli;
import dev.slipway.cli.ModelApiRepository;
import dev.slipway.cli.template.TemplateFiles;
import dev.slipway.gitops.sandbox.CaseFile;
import dev.slipway.gitops.sandbox.TestCase;
import dev.slipway.gitops.spec.Manifest;
import dev.slipway.gitops.spec.RegisteredServer;
import dev.slipway.gitops.spec.ServerRegistry;
import dev.slipway.gitops.spec.SpecException;
import dev.slipway.gitops.spec.SpecParser;
import dev.slipway.pipeline.model.PipelineKind;
import dev.slipway.pipeline.model.Stage;
import dev.slipway.pipeline.model.Step;
import dev.slipway.pipeline.yaml.PipelineYamlParser;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import javax.tools.ToolProvider;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * The two repositories of the image classifier example, as a user pushes them to {@code slipway up}:
 * {@code examples/image-classifier-server} (built with the real {@code mvn -B package}, the model API coming from a
 * Maven repository as {@code ${SLIPWAY_URL}/maven} serves it; its unit tests must run and pass) and
 * {@code examples/digits-model} (a model repository naming {@code implementation: IMAGE_CLASSIFIER}). Their manifests,
 * pipelines and cases must parse, every expected label must be the fixture's, and the cases must pass against the
 * real ONNX model in the sandbox of {@code slipway e2e}, running the jar Maven built as an artifact.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ImageClassifierExampleTest {

    private static final String CLASS = "com.example.imageclassifier.ImageClassifier";
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path tmp;
    /** The jar the example's Maven build made (null until it ran, or when mvn is missing). */
    private static Path builtJar;

    static Path root() {
        return Path.of(System.getProperty("slipway.root", ".."))
                .toAbsolutePath()
                .normalize();
    }

    static Path server() {
        return root().resolve("examples/image-classifier-server");
    }

    static Path digits() {
        return root().resolve("examples/digits-model");
    }

    static Path fixture() {
        return Path.of(System.getProperty("slipway.fixtures", "../../shared/fixtures"), "digits-cnn-onnx");
    }

    // ------------------------------------------------------------------ mvn -B package of the server repository

    @Test
    @Order(1)
    void serverRepository_mvnPackage_runsItsUnitTestsAgainstTheModelApiFromAMavenRepository() throws Exception {
        final String mvn = onPath("mvn");
        Assumptions.assumeTrue(mvn != null, "mvn is not on PATH");

        final String version = TemplateFiles.slipwayVersion();
        assertThat(pomProperty(server().resolve("pom.xml"), "slipway.version"))
                .as("the example's slipway.version")
                .isEqualTo(version);
        final Path repo = tmp.resolve("slipway-up");
        final String slipwayUrl = ModelApiRepository.create(repo, version);

        final Path work = tmp.resolve("image-classifier-server");
        copy(server(), work);
        final Path log = tmp.resolve("mvn.log");
        // -U: the snapshot's metadata is read again, so a model API rebuilt since the last run is the one compiled
        // against
        final ProcessBuilder pb = new ProcessBuilder(mvn, "-B", "-q", "-U", "-Dslipway.url=" + slipwayUrl, "package")
                .directory(work.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        pb.environment().remove("SLIPWAY_URL"); // the profile must not point the build at a running slipway up
        pb.environment().remove("MAVEN_ARGS");
        final long start = System.nanoTime();
        final Process p = pb.start();
        final boolean done = p.waitFor(5, TimeUnit.MINUTES);
        if (!done) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly().waitFor();
        }
        final String output = Files.readString(log);
        assertThat(done).as("mvn package within 5 minutes:\n" + output).isTrue();
        assertThat(p.exitValue()).as("mvn -B -q package:\n" + output).isZero();
        System.out.printf(
                "examples/image-classifier-server: mvn -B -q -U package took %d ms%n",
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start));

        final Path reports = work.resolve("target/surefire-reports");
        final List<Path> xml;
        try (Stream<Path> list = Files.list(reports)) {
            xml = list.filter(f -> f.getFileName().toString().matches("TEST-.*\\.xml"))
                    .sorted()
                    .toList();
        }
        assertThat(xml)
                .extracting(f -> f.getFileName().toString())
                .contains("TEST-com.example.imageclassifier.ImageClassifierTest.xml");
        int tests = 0;
        for (final Path f : xml) {
            final Element suite = DocumentBuilderFactory.newInstance()
                    .newDocumentBuilder()
                    .parse(f.toFile())
                    .getDocumentElement();
            tests += Integer.parseInt(suite.getAttribute("tests"));
            assertThat(suite.getAttribute("failures")).as(f.toString()).isEqualTo("0");
            assertThat(suite.getAttribute("errors")).as(f.toString()).isEqualTo("0");
            assertThat(suite.getAttribute("skipped")).as(f.toString()).isEqualTo("0");
        }
        assertThat(tests).as("unit tests run").isGreaterThanOrEqualTo(20);

        builtJar = work.resolve("target/image-classifier.jar");
        assertThat(builtJar).isRegularFile();
        try (JarFile jar = new JarFile(builtJar.toFile())) {
            final List<String> classes = jar.stream()
                    .map(JarEntry::getName)
                    .filter(n -> n.endsWith(".class"))
                    .toList();
            // the server's classes only (ImageClassifier$1: the switch over the payload kind), no tests
            assertThat(classes)
                    .contains("com/example/imageclassifier/ImageClassifier.class")
                    .allMatch(n -> n.matches("com/example/imageclassifier/ImageClassifier(\\$\\w+)?\\.class"));
            // outputTimestamp: entries carry the fixed time, so the same commit gives the same jar and digest
            assertThat(jar.getEntry("com/example/imageclassifier/ImageClassifier.class")
                            .getLastModifiedTime()
                            .toInstant())
                    .isBefore(Instant.parse("2024-01-02T00:00:00Z"));
        }
    }

    private static String pomProperty(Path pom, String name) throws Exception {
        final Document doc =
                DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(pom.toFile());
        return doc.getElementsByTagName(name).item(0).getTextContent().strip();
    }

    private static String onPath(String program) {
        for (final String d : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            if (!d.isEmpty() && Files.isExecutable(Path.of(d, program))) {
                return Path.of(d, program).toString();
            }
        }
        return null;
    }

    /** The repository's files, without what a build leaves. */
    private static void copy(Path from, Path to) throws IOException {
        try (Stream<Path> walk = Files.walk(from)) {
            for (final Path f :
                    walk.filter(f -> !from.relativize(f).startsWith("target")).toList()) {
                final Path t = to.resolve(from.relativize(f).toString());
                if (Files.isDirectory(f)) {
                    Files.createDirectories(t);
                } else {
                    Files.copy(f, t);
                }
            }
        }
    }

    // ------------------------------------------------------------------ what the repositories hold parses

    @Test
    @Order(2)
    void serverRepository_manifestPipelineAndCasesParse() throws Exception {
        final Manifest m = new SpecParser().parse(server().resolve("deploy/SeldonDeployment-image-classifier.yaml"));
        assertThat(m.deployment().name()).isEqualTo("image-classifier");
        namesImageAndFixtureModel(m, server(), "image-classifier:local");

        final List<Stage> release = stages(server(), PipelineKind.release);
        assertThat(release).extracting(Stage::name).containsExactly("Build", "Publish", "Test integration", "Register");
        assertThat(commands(release))
                .containsExactly(
                        "mvn -B package",
                        "sh -c slipway artifact push image-classifier:$VERSION target/image-classifier.jar --model-class "
                                + CLASS,
                        "sh -c slipway e2e -f deploy --cases integration/cases.yaml --set-image image-classifier=image-classifier:$VERSION",
                        "sh -c slipway servers register IMAGE_CLASSIFIER --image image-classifier:$VERSION");
        final List<Stage> pr = stages(server(), PipelineKind.pullRequest);
        assertThat(pr).extracting(Stage::name).containsExactly("Build");
        assertThat(commands(pr)).containsExactly("mvn -B package");
        assertThat(Files.readString(server().resolve("pom.xml")))
                .contains(
                        "<finalName>image-classifier</finalName>",
                        "<url>${slipway.url}/maven</url>",
                        "<project.build.outputTimestamp>");

        final List<TestCase> cases = CaseFile.read(server().resolve("integration/cases.yaml"));
        assertThat(cases).allMatch(c -> c.deployment().equals("image-classifier"));
        assertThat(cases).filteredOn(c -> c.status() == 400).hasSizeGreaterThanOrEqualTo(3);
        // every digit 1..9 of the fixture as a PNG
        assertThat(labelsOfPngs(cases)).containsExactlyInAnyOrder(1, 2, 3, 4, 5, 6, 7, 8, 9);
        assertThat(cases).anyMatch(c -> c.request().has("data"));
    }

    @Test
    @Order(3)
    void modelRepository_manifestNeedsTheRegisteredServer_pipelineAndCasesParse() throws Exception {
        assertThatThrownBy(() -> new SpecParser().parseAll(digits().resolve("deploy")))
                .isInstanceOf(SpecException.class)
                .hasMessageContaining("IMAGE_CLASSIFIER");
        final ServerRegistry registry =
                ServerRegistry.of(List.of(new RegisteredServer("IMAGE_CLASSIFIER", "image-classifier:1.0.0", null)));
        final List<Manifest> manifests = new SpecParser().withServers(registry).parseAll(digits().resolve("deploy"));
        assertThat(manifests).hasSize(1);
        assertThat(manifests.get(0).source()).endsWith("SeldonDeployment-digits.yaml");
        assertThat(manifests.get(0).deployment().name()).isEqualTo("digits");
        assertThat(manifests.get(0).resolvedJson()).doesNotContain("IMAGE_CLASSIFIER");
        namesImageAndFixtureModel(manifests.get(0), digits(), "image-classifier:1.0.0");

        final List<Stage> release = stages(digits(), PipelineKind.release);
        assertThat(release).extracting(Stage::name).containsExactly("Test", "Test integration", "Promote");
        final String unit = "slipway test-model --implementation IMAGE_CLASSIFIER --model-uri deploy/model --cases "
                + "tests/model-cases.yaml";
        assertThat(commands(release))
                .containsExactly(
                        unit,
                        "slipway e2e -f deploy --cases integration/cases.yaml",
                        "slipway promote --env staging --from deploy",
                        "slipway promote --env production --from deploy");
        final List<Stage> pr = stages(digits(), PipelineKind.pullRequest);
        assertThat(commands(pr)).containsExactly(unit, "slipway e2e -f deploy --cases integration/cases.yaml");

        final List<TestCase> cases = CaseFile.read(digits().resolve("integration/cases.yaml"));
        assertThat(cases).allMatch(c -> c.deployment().equals("digits"));
        assertThat(labelsOfPngs(cases)).isNotEmpty();
        assertThat(cases).filteredOn(c -> c.request().has("data")).hasSize(1);
    }

    /** The manifest names {@code image} and the repository's deploy/model, which holds the fixture's model. */
    private static void namesImageAndFixtureModel(Manifest m, Path repository, String image) {
        assertThat(m.resolvedJson())
                .contains("\"image\":\"" + image + "\"")
                .contains(repository.resolve("deploy/model").toUri().toString().replaceAll("/$", ""));
        assertThat(repository.resolve("deploy/model/model.onnx"))
                .hasSameBinaryContentAs(fixture().resolve("model.onnx"));
    }

    /** The stages of one pipeline of a repository's jenkins-x.yml. */
    private static List<Stage> stages(Path repository, PipelineKind kind) {
        return new PipelineYamlParser()
                .parse(repository.resolve("jenkins-x.yml"))
                .pipeline(kind)
                .orElseThrow()
                .stages();
    }

    private static List<String> commands(List<Stage> stages) {
        return stages.stream()
                .flatMap(s -> s.steps().stream())
                .map(Step::argv)
                .map(a -> String.join(" ", a))
                .toList();
    }

    // ------------------------------------------------------------------ the expected labels are the fixture's

    /**
     * The labels the PNG cases expect, after checking each: its image, area-averaged to 8x8 on the 0–16 scale as the
     * classifier does (blocks of whole pixels here), is one of the fixture's inputs, whose expected label it expects.
     * Pixel-array cases are checked the same way.
     */
    private static List<Integer> labelsOfPngs(List<TestCase> cases) throws Exception {
        final JsonNode inputs =
                JSON.readTree(fixture().resolve("inputs.json").toFile()).at("/data/ndarray");
        final JsonNode labels =
                JSON.readTree(fixture().resolve("expected.json").toFile()).path("label");
        final List<Integer> found = new ArrayList<>();
        for (final TestCase c : cases) {
            if (c.status() != 200) {
                continue;
            }
            final List<int[]> digits = new ArrayList<>();
            if (c.request().has("binData")) {
                final BufferedImage img = ImageIO.read(new ByteArrayInputStream(
                        Base64.getDecoder().decode(c.request().path("binData").asText())));
                assertThat(img).as(c.name()).isNotNull();
                assertThat(img.getWidth() % 8 == 0 && img.getHeight() % 8 == 0)
                        .as(c.name())
                        .isTrue();
                final int bw = img.getWidth() / 8;
                final int bh = img.getHeight() / 8;
                final int[] k = new int[64];
                for (int cell = 0; cell < 64; cell++) {
                    double ink = 0;
                    for (int y = 0; y < bh; y++) {
                        for (int x = 0; x < bw; x++) {
                            // grey samples as the classifier reads them (8-bit grey PNGs, dark ink)
                            ink += 1 - img.getRaster().getSample((cell % 8) * bw + x, (cell / 8) * bh + y, 0) / 255.0;
                        }
                    }
                    k[cell] = (int) Math.round(ink / (bw * bh) * 16);
                }
                digits.add(k);
            } else {
                final JsonNode nd = c.request().at("/data/ndarray");
                for (final JsonNode image : nd) {
                    final int[] k = new int[64];
                    for (int cell = 0; cell < 64; cell++) {
                        k[cell] = (int)
                                Math.round(image.get(cell / 8).get(cell % 8).asDouble() / 255 * 16);
                    }
                    digits.add(k);
                }
            }
            final JsonNode want = c.expect().at("/data/ndarray");
            assertThat(want.size()).as(c.name()).isEqualTo(digits.size());
            for (int d = 0; d < digits.size(); d++) {
                final int i = indexOf(inputs, digits.get(d));
                assertThat(i)
                        .as(c.name() + ": image " + d + " is one of the fixture's inputs")
                        .isNotNegative();
                assertThat(want.get(d).asInt())
                        .as(c.name() + ": label of fixture input " + i)
                        .isEqualTo(labels.get(i).asInt());
                if (c.request().has("binData")) {
                    found.add(want.get(d).asInt());
                }
            }
        }
        return found;
    }

    private static int indexOf(JsonNode inputs, int[] k) {
        for (int i = 0; i < inputs.size(); i++) {
            boolean same = true;
            for (int cell = 0; cell < 64 && same; cell++) {
                same = Math.round(
                                inputs.get(i).get(0).get(cell / 8).get(cell % 8).asDouble() * 16)
                        == k[cell];
            }
            if (same) {
                return i;
            }
        }
        return -1;
    }

    // ------------------------------------------------------------------ the cases against the real model

    @Test
    @Order(4)
    void bothRepositoriesCases_passInTheSandbox_withTheBuiltServerAsAnArtifact() throws Exception {
        final Path jar = builtJar != null ? builtJar : compileServer();
        final Path store = tmp.resolve("store");
        final ArtifactRef ref = ArtifactRef.parse("image-classifier:local");
        final Path archive = tmp.resolve("image.tar");
        new ServerImageBuilder().build(new ServerImageBuilder.Request(ref, List.of(jar), CLASS, null), archive);
        new ArtifactStore(store).publish(ref, archive);

        e2ePasses(server(), "--artifacts", store.toString());
        final Path servers = tmp.resolve("servers.yaml");
        Files.writeString(servers, "IMAGE_CLASSIFIER:\n  image: image-classifier:local\n");
        e2ePasses(digits(), "--servers", servers.toString(), "--artifacts", store.toString());

        // the model repository's unit stage: test-model loads the registered server's image in-process
        final Path cases = digits().resolve("tests/model-cases.yaml");
        final Cli.Run unit = testModel("IMAGE_CLASSIFIER", cases, servers, store);
        assertThat(unit.code()).as(unit.out() + unit.err()).isZero();
        assertThat(unit.out()).contains("PASS  not an image is refused", "4 passed, 0 failed");
        final Path wrong = tmp.resolve("wrong-cases.yaml");
        Files.writeString(
                wrong,
                Files.readString(cases)
                        .replaceFirst("\\{\"data\": \\{\"ndarray\": \\[7\\]\\}\\}", "{\"data\": {\"ndarray\": [1]}}"));
        final Cli.Run failing = testModel("IMAGE_CLASSIFIER", wrong, servers, store);
        assertThat(failing.code()).as(failing.out() + failing.err()).isEqualTo(1);
        assertThat(failing.out()).contains("FAIL", "3 passed, 1 failed");
        final Cli.Run unknown = testModel("NOT_REGISTERED", cases, servers, store);
        assertThat(unknown.code()).isEqualTo(1);
        assertThat(unknown.err())
                .contains("'NOT_REGISTERED' is neither a runtime nor registered in --servers " + servers);
    }

    /** {@code slipway e2e} of a repository's deploy/ folder and integration cases passes every case. */
    private static void e2ePasses(Path repository, String... more) {
        final Path cases = repository.resolve("integration/cases.yaml");
        final List<String> args = new ArrayList<>(List.of(
                "e2e", "-f", repository.resolve("deploy").toString(), "--cases", cases.toString(), "--timeout", "3m"));
        args.addAll(List.of(more));
        final Cli.Run run = Cli.run(args.toArray(String[]::new));
        System.out.print(run.out());
        assertThat(run.code()).as(run.out() + run.err()).isZero();
        final int count = CaseFile.read(cases).size();
        assertThat(run.out()).contains(count + "/" + count + " cases passed", "e2e: passed");
    }

    /** {@code slipway test-model} of the digits model served by {@code implementation} as registered in servers. */
    private static Cli.Run testModel(String implementation, Path cases, Path servers, Path store) {
        return Cli.run(
                "test-model",
                "--implementation",
                implementation,
                "--model-uri",
                digits().resolve("deploy/model").toString(),
                "--cases",
                cases.toString(),
                "--servers",
                servers.toString(),
                "--artifacts",
                store.toString());
    }

    /** Without mvn: javac of the server's sources against the model API on this JVM's classpath, into a jar. */
    private static Path compileServer() throws IOException {
        final Path classes = Files.createDirectories(tmp.resolve("javac-classes"));
        final List<String> args =
                new ArrayList<>(List.of("-d", classes.toString(), "-cp", System.getProperty("java.class.path")));
        try (Stream<Path> files = Files.walk(server().resolve("src/main/java"))) {
            files.filter(p -> p.toString().endsWith(".java")).forEach(p -> args.add(p.toString()));
        }
        assertThat(ToolProvider.getSystemJavaCompiler().run(null, null, null, args.toArray(String[]::new)))
                .isZero();
        final Path out = tmp.resolve("javac-image-classifier.jar");
        try (OutputStream o = Files.newOutputStream(out);
                JarOutputStream j = new JarOutputStream(o);
                Stream<Path> files = Files.walk(classes)) {
            for (final Path f : files.filter(Files::isRegularFile).sorted().toList()) {
                j.putNextEntry(new JarEntry(classes.relativize(f).toString().replace(File.separatorChar, '/')));
                j.write(Files.readAllBytes(f));
                j.closeEntry();
            }
        }
        return out;
    }
}
