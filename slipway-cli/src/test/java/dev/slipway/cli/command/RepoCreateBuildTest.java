package dev.slipway.cli.command;

import static org.assertj.core.api.Assertions.assertThat;

import dev.slipway.cli.Cli;
import dev.slipway.cli.ModelApiRepository;
import dev.slipway.cli.template.TemplateFiles;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Element;

/**
 * Tests for the server templates of {@code slipway repo create}, built for real: {@code mvn -B -q -U package} on a
 * fresh repository, with the model API from a throw-away file Maven repository ({@link ModelApiRepository}) as
 * {@code slipway up} would serve it. Skipped when {@code mvn} is not on the PATH.
 */
class RepoCreateBuildTest {

    private static final long BUILD_TIMEOUT_SECONDS = 180;

    @TempDir
    static Path tmp;

    private static Path mvn;
    private static String slipwayUrl;

    @BeforeAll
    static void mavenAndTheModelApi() throws Exception {
        mvn = onPath("mvn");
        Assumptions.assumeTrue(mvn != null, "mvn is not on the PATH");
        slipwayUrl = ModelApiRepository.create(tmp.resolve("slipway"), TemplateFiles.slipwayVersion());
    }

    @Test
    void customServer_mvnPackage_runsTheUnitTestsAndBuildsTheJar() throws Exception {
        final Path repo = create("scorer", "custom-server");

        build(repo);

        assertThat(testsRun(repo, "com.example.server.ServerTest")).isGreaterThanOrEqualTo(5);
        try (JarFile jar = new JarFile(repo.resolve("target/scorer.jar").toFile())) {
            assertThat(jar.getEntry("com/example/server/Server.class")).isNotNull();
            assertThat(jar.getEntry("com/example/server/ServerTest.class")).isNull();
        }
    }

    @Test
    void embeddedModel_mvnPackageTwice_trainsTestsAndGivesTheSameJarBytes() throws Exception {
        final Path first = create("iris", "embedded-model");
        final Path second = create("iris-again", "embedded-model", "iris");

        build(first);
        build(second);

        assertThat(testsRun(first, "com.example.server.TrainerTest")).isGreaterThanOrEqualTo(3);
        assertThat(testsRun(first, "com.example.server.ServerTest")).isGreaterThanOrEqualTo(5);
        final Path jar = first.resolve("target/iris.jar");
        try (JarFile j = new JarFile(jar.toFile())) {
            assertThat(j.getEntry("model/softmax.txt")).isNotNull();
        }
        assertThat(Files.readString(first.resolve("target/classes/model/softmax.txt")))
                .contains("classes setosa versicolor virginica");
        assertThat(Files.readAllBytes(second.resolve("target/iris.jar"))).isEqualTo(Files.readAllBytes(jar));
    }

    private Path create(String name, String template) {
        return create(name, template, name);
    }

    /** {@code slipway repo create NAME} into the folder {@code folder}. */
    private Path create(String folder, String template, String name) {
        final Path dir = tmp.resolve(folder);
        final Cli.Run run = Cli.run(
                "repo",
                "create",
                name,
                "--dir",
                dir.toString(),
                "--template",
                template,
                "--author",
                "ana",
                "--email",
                "ana@example.com");
        assertThat(run.code()).as(run.err()).isZero();
        return dir;
    }

    private static void build(Path repo) throws Exception {
        final List<String> command =
                new ArrayList<>(List.of(mvn.toString(), "-B", "-q", "-U", "package", "-Dslipway.url=" + slipwayUrl));
        final Path log = repo.getParent().resolve(repo.getFileName() + "-mvn.log");
        final ProcessBuilder pb = new ProcessBuilder(command)
                .directory(repo.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        pb.environment().remove("SLIPWAY_URL"); // the pom's profile would prefer it to -Dslipway.url's repository
        final Process p = pb.start();
        if (!p.waitFor(BUILD_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("mvn package in " + repo + " took more than " + BUILD_TIMEOUT_SECONDS + " s:\n"
                    + Files.readString(log));
        }
        assertThat(p.exitValue())
                .as("mvn package in %s:%n%s", repo, Files.readString(log))
                .isZero();
    }

    /** The number of tests surefire ran in {@code testClass}, asserting none failed. */
    private static int testsRun(Path repo, String testClass) throws Exception {
        final Path report = repo.resolve("target/surefire-reports/TEST-" + testClass + ".xml");
        assertThat(report).isRegularFile();
        final Element suite = DocumentBuilderFactory.newInstance()
                .newDocumentBuilder()
                .parse(report.toFile())
                .getDocumentElement();
        assertThat(suite.getAttribute("failures")).isEqualTo("0");
        assertThat(suite.getAttribute("errors")).isEqualTo("0");
        assertThat(suite.getAttribute("skipped")).isEqualTo("0");
        return Integer.parseInt(suite.getAttribute("tests"));
    }

    private static Path onPath(String program) {
        for (final String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            if (!dir.isEmpty()) {
                final Path candidate = Path.of(dir, program);
                if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                    return candidate;
                }
            }
        }
        return null;
    }
}
