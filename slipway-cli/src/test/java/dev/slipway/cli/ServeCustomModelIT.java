package dev.slipway.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The example custom model in {@code examples/custom-model}, compiled against slipway-model-api alone,
 * packed in a jar and served by the packaged CLI as a child process with {@code --class --classpath}.
 */
class ServeCustomModelIT {

    @TempDir
    Path tmp;

    static Path root() {
        return Path.of(System.getProperty("slipway.root", ".."))
                .toAbsolutePath()
                .normalize();
    }

    private Path buildExampleJar() throws IOException {
        Path src = root().resolve("examples/custom-model/src/main/java/com/example/LinearScorer.java");
        Path classes = Files.createDirectories(tmp.resolve("classes"));
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        int rc = javac.run(
                null,
                null,
                null,
                "-d",
                classes.toString(),
                "-cp",
                root().resolve("slipway-model-api/target/classes").toString(),
                src.toString());
        assertThat(rc).as("javac of the example").isZero();
        Path jar = tmp.resolve("linear-scorer.jar");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar));
                Stream<Path> files = Files.walk(classes)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                out.putNextEntry(new JarEntry(classes.relativize(f).toString().replace('\\', '/')));
                Files.copy(f, out);
                out.closeEntry();
            }
        }
        return jar;
    }

    @Test
    void serve_customClass_answersPredictionsAndStopsGracefully() throws Exception {
        Path jar = buildExampleJar();
        try (SlipwayProcess p = SlipwayProcess.start(
                "serve",
                "--class",
                "com.example.LinearScorer",
                "--classpath",
                jar.toString(),
                "--model-uri",
                root().resolve("examples/custom-model/model").toString(),
                "--param",
                "scale=2",
                "--port",
                "0",
                "--name",
                "scorer")) {
            String url = p.awaitUrl();
            // 2 * (0.5*1 - 1*2 + 0.25*3 + 2*4 + 0.1) = 14.7
            Cli.Run run = Cli.run("predict", "--url", url, "--data", "[[1, 2, 3, 4]]");
            assertThat(run.code()).as(run.err()).isZero();
            assertThat(run.out()).contains("\"ndarray\":[14.7]").contains("\"tags\":{\"scorer\":\"linear\"}");
            Cli.Run v2 = Cli.run(
                    "predict", "--url", url, "--protocol", "v2", "--model", "scorer", "--data", "[[1, 2, 3, 4]]");
            assertThat(v2.out()).contains("\"model_name\":\"scorer\"").contains("\"data\":[14.7]");
            Cli.Run bad = Cli.run("predict", "--url", url, "--data", "[[1, 2, 3]]");
            assertThat(bad.code()).isEqualTo(1);
            assertThat(bad.err()).contains("400:expected rows of 4 features but got INT64[1, 3]");
            HttpResponse<String> metrics = HttpClient.newHttpClient()
                    .send(
                            HttpRequest.newBuilder(URI.create(url + "/prometheus"))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
            assertThat(metrics.body()).contains("linear_scorer_predictions_total");
            p.stop();
            assertThat(p.process().isAlive()).isFalse();
        }
    }

    @Test
    void serve_loadFailure_exitsNonZeroNamingTheUriAndCause() throws Exception {
        Path jar = buildExampleJar();
        Path empty = Files.createDirectories(tmp.resolve("empty-model"));
        try (SlipwayProcess p = SlipwayProcess.start(
                "serve",
                "--class",
                "com.example.LinearScorer",
                "--classpath",
                jar.toString(),
                "--model-uri",
                empty.toString(),
                "--port",
                "0")) {
            assertThat(p.awaitExit()).isEqualTo(1);
            assertThat(p.err()).contains("model URI '" + empty + "'").contains("coefficients.txt");
        }
    }

    @Test
    void serve_unknownOrUnsupportedImplementation_listsAlternatives() throws Exception {
        try (SlipwayProcess p = SlipwayProcess.start(
                "serve", "--implementation", "TENSORFLOW_SERVER", "--model-uri", tmp.toString(), "--port", "0")) {
            assertThat(p.awaitExit()).isEqualTo(1);
            assertThat(p.err())
                    .contains("TENSORFLOW_SERVER is a Seldon server that Slipway does not provide")
                    .contains("ONNX_SERVER");
        }
    }

    @Test
    void serve_badFlags_areUsageErrors() throws Exception {
        for (List<String> args : List.of(
                List.of("serve", "--implementation", "X", "--port", "abc"),
                List.of("serve", "--port", "0"),
                List.of("serve", "--implementation", "X", "--request-timeout", "soon"),
                List.of("serve", "--implementation", "X", "--param", "novalue"))) {
            try (SlipwayProcess p = SlipwayProcess.start(args.toArray(String[]::new))) {
                assertThat(p.awaitExit()).as(args.toString()).isEqualTo(2);
                assertThat(p.err())
                        .containsAnyOf(
                                "--port",
                                "exactly one of --implementation or --class",
                                "'--request-timeout': 'soon' is not a duration",
                                "--param expects name=value, not 'novalue'");
            }
        }
    }
}
