package dev.slipway.cli.command;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

/**
 * The example custom model ({@code examples/custom-model}: a linear scorer) laid out as a model repository:
 * {@code lib/linear-scorer.jar}, {@code model/coefficients.txt}, and manifests in {@code deploy/} that run it
 * through the custom-server convention ({@code SLIPWAY_MODEL_CLASS}, {@code SLIPWAY_MODEL_CLASSPATH}).
 */
final class ExampleModels {

    private ExampleModels() {}

    static Path root() {
        return Path.of(System.getProperty("slipway.root", ".."))
                .toAbsolutePath()
                .normalize();
    }

    /** Compiles the example into {@code repo/lib/linear-scorer.jar} and copies its model to {@code repo/model}. */
    static void linearScorer(Path repo) throws IOException {
        final Path classes = Files.createDirectories(repo.resolve("build/classes"));
        final JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        final int rc = javac.run(
                null,
                null,
                null,
                "-d",
                classes.toString(),
                "-cp",
                root().resolve("slipway-model-api/target/classes").toString(),
                root().resolve("examples/custom-model/src/main/java/com/example/LinearScorer.java")
                        .toString());
        assertThat(rc).as("javac of the example model").isZero();
        final Path jar = Files.createDirectories(repo.resolve("lib")).resolve("linear-scorer.jar");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar));
                Stream<Path> files = Files.walk(classes)) {
            for (final Path f : files.filter(Files::isRegularFile).toList()) {
                out.putNextEntry(new JarEntry(classes.relativize(f).toString().replace('\\', '/')));
                Files.copy(f, out);
                out.closeEntry();
            }
        }
        Files.createDirectories(repo.resolve("model"));
        Files.copy(
                root().resolve("examples/custom-model/model/coefficients.txt"), repo.resolve("model/coefficients.txt"));
    }

    /** A manifest (in {@code repo/deploy/}) for the scorer; its answer to [[1,2,3,4]] is 7.35 × scale. */
    /** The linear scorer as a model repository: its model, and deploy/scorer.yaml asking for {@code replicas}. */
    static void linearScorerRepository(Path repo, int replicas) throws IOException {
        linearScorer(repo);
        Files.createDirectories(repo.resolve("deploy"));
        Files.writeString(repo.resolve("deploy/scorer.yaml"), linearScorerManifest("scorer", replicas, "2"));
    }

    static String linearScorerManifest(String name, int replicas, String scale) {
        return """
        apiVersion: machinelearning.seldon.io/v1alpha2
        kind: SeldonDeployment
        metadata:
          name: %s
        spec:
          annotations:
            seldon.io/rest-timeout: "20000"
          predictors:
          - name: default
            replicas: %d
            componentSpecs:
            - spec:
                containers:
                - name: classifier
                  image: example/linear-scorer:1.0
                  env:
                  - {name: SLIPWAY_MODEL_CLASS, value: com.example.LinearScorer}
                  - {name: SLIPWAY_MODEL_CLASSPATH, value: ../lib/linear-scorer.jar}
            graph:
              name: classifier
              type: MODEL
              modelUri: ../model
              parameters:
              - {name: scale, type: DOUBLE, value: "%s"}
        """.formatted(name, replicas, scale);
    }
}
