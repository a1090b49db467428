package dev.slipway.cli.replica;

import static org.assertj.core.api.Assertions.assertThat;

import dev.slipway.gitops.target.local.LaunchSpec;
import dev.slipway.gitops.target.local.ReplicaClasspath;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Tests for {@link ReplicaJvm}: a distribution laid out in a temporary folder as the build lays it out. */
class ReplicaJvmTest {

    @TempDir
    Path dist;

    private Path cli;
    private Path serving;
    private Path sklearn;
    private Path onnx;

    private Path lib(String name) throws Exception {
        final Path jar = dist.resolve("lib").resolve(name);
        Files.createDirectories(jar.getParent());
        Files.write(jar, new byte[0]);
        return jar;
    }

    /** A module's jar listing {@code classpath} as the build writes it. */
    private Path module(String name, String classpath) throws Exception {
        final Path jar = dist.resolve("lib").resolve(name);
        Files.createDirectories(jar.getParent());
        try (OutputStream out = Files.newOutputStream(jar);
                JarOutputStream zip = new JarOutputStream(out)) {
            zip.putNextEntry(new JarEntry("META-INF/slipway/classpath"));
            zip.write(classpath.getBytes(StandardCharsets.UTF_8));
            zip.closeEntry();
        }
        return jar;
    }

    @BeforeEach
    void layOut() throws Exception {
        cli = dist.resolve("slipway.jar");
        Files.write(cli, new byte[0]);
        for (final String jar : List.of(
                "picocli-4.7.7.jar",
                "slf4j-simple-2.0.20.jar",
                "slf4j-jdk-platform-logging-2.0.20.jar",
                "slipway-model-api-0.1.0-SNAPSHOT.jar",
                "gson-2.13.2.jar",
                "netty-transport-native-epoll-4.2.18.Final-linux-x86_64.jar",
                "onnxruntime-1.29.0.jar",
                "kubernetes-client-8.0.0.jar")) {
            lib(jar);
        }
        // serving's own build mediated gson 2.8.9; the distribution has 2.13.2
        serving = module(
                "slipway-serving-0.1.0-SNAPSHOT.jar",
                "lib/slipway-model-api-0.1.0-SNAPSHOT.jar:lib/gson-2.8.9.jar"
                        + ":lib/netty-transport-native-epoll-4.2.18.Final-linux-x86_64.jar\n");
        sklearn = module("slipway-runtime-sklearn-0.1.0-SNAPSHOT.jar", "lib/slipway-model-api-0.1.0-SNAPSHOT.jar");
        onnx = module(
                "slipway-runtime-onnx-0.1.0-SNAPSHOT.jar",
                "lib/slipway-model-api-0.1.0-SNAPSHOT.jar:lib/onnxruntime-1.29.0.jar");
    }

    private ReplicaJvm replicaJvm() throws Exception {
        final List<String> manifest;
        try (var files = Files.list(dist.resolve("lib"))) {
            manifest = files.map(p -> "lib/" + p.getFileName()).sorted().toList();
        }
        return new ReplicaJvm(
                cli,
                manifest,
                serving,
                Map.of(
                        "SKLEARN_SERVER",
                        sklearn,
                        "ONNX_SERVER",
                        onnx,
                        "MLFLOW_SERVER",
                        dist.resolve("lib/mlflow.jar")));
    }

    private static LaunchSpec spec(String implementation) {
        return new LaunchSpec("m", implementation, "/m", List.of(), null, null, Map.of(), null);
    }

    private List<String> jars(ReplicaClasspath.Choice choice) {
        return Arrays.stream(choice.classpath().split(":"))
                .map(p -> dist.relativize(Path.of(p)).toString())
                .toList();
    }

    @Test
    void choose_sklearn_theServerAndThatRuntimeOnly_mediatedVersionsResolvedByArtifact() throws Exception {
        final ReplicaClasspath.Choice choice = replicaJvm().choose(spec("SKLEARN_SERVER"));
        assertThat(choice.mainClass()).isEqualTo(ReplicaJvm.MAIN);
        assertThat(jars(choice))
                .containsExactly(
                        "slipway.jar",
                        "lib/picocli-4.7.7.jar",
                        "lib/slf4j-simple-2.0.20.jar",
                        "lib/slf4j-jdk-platform-logging-2.0.20.jar",
                        "lib/slipway-serving-0.1.0-SNAPSHOT.jar",
                        "lib/slipway-model-api-0.1.0-SNAPSHOT.jar",
                        "lib/gson-2.13.2.jar",
                        "lib/netty-transport-native-epoll-4.2.18.Final-linux-x86_64.jar",
                        "lib/slipway-runtime-sklearn-0.1.0-SNAPSHOT.jar");
    }

    @Test
    void choose_replicaJarBesideTheCliJar_takesItsPlace() throws Exception {
        Files.write(dist.resolve("slipway-replica.jar"), new byte[0]);
        final List<String> jars = jars(replicaJvm().choose(spec("SKLEARN_SERVER")));
        assertThat(jars.get(0)).isEqualTo("slipway-replica.jar");
        assertThat(jars).doesNotContain("slipway.jar");
    }

    @Test
    void choose_customClass_everyRuntime_itMayServeThroughOneByName() throws Exception {
        // the image-classifier example's class serves its model through ONNX_SERVER: without the runtimes on its class
        // path the replica failed with "no runtime named 'ONNX_SERVER' (available: )"
        Files.move(
                module("mlflow.jar", ""),
                dist.resolve("lib/mlflow.jar"),
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        final LaunchSpec custom = new LaunchSpec("m", null, null, List.of(), "com.acme.M", "/x/m.jar", Map.of(), null);
        assertThat(jars(replicaJvm().choose(custom)))
                .contains(
                        "lib/slipway-serving-0.1.0-SNAPSHOT.jar",
                        "lib/slipway-runtime-sklearn-0.1.0-SNAPSHOT.jar",
                        "lib/slipway-runtime-onnx-0.1.0-SNAPSHOT.jar",
                        "lib/onnxruntime-1.29.0.jar")
                .doesNotContain("lib/kubernetes-client-8.0.0.jar");
    }

    @Test
    void choose_mlflow_everyRuntime_itDelegatesByFlavor() throws Exception {
        Files.move(
                module("mlflow.jar", ""),
                dist.resolve("lib/mlflow.jar"),
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        assertThat(jars(replicaJvm().choose(spec("MLFLOW_SERVER"))))
                .contains(
                        "lib/slipway-runtime-sklearn-0.1.0-SNAPSHOT.jar",
                        "lib/slipway-runtime-onnx-0.1.0-SNAPSHOT.jar",
                        "lib/onnxruntime-1.29.0.jar",
                        "lib/mlflow.jar");
    }

    @Test
    void choose_unknownImplementation_wholeDistribution() throws Exception {
        assertThat(replicaJvm().choose(spec("TENSORFLOW_SERVER"))).isNull();
    }

    @Test
    void choose_listedJarMissing_wholeDistribution() throws Exception {
        Files.delete(dist.resolve("lib/onnxruntime-1.29.0.jar"));
        assertThat(replicaJvm().choose(spec("ONNX_SERVER"))).isNull();
        assertThat(replicaJvm().choose(spec("SKLEARN_SERVER"))).isNotNull();
    }

    @ParameterizedTest
    @CsvSource({
        "netty-common-4.2.18.Final.jar, netty-common",
        "netty-transport-native-epoll-4.2.18.Final-linux-x86_64.jar, netty-transport-native-epoll",
        "slipway-serving-0.1.0-SNAPSHOT.jar, slipway-serving",
        "listenablefuture-9999.0-empty-to-avoid-conflict-with-guava.jar, listenablefuture",
        "picocli.jar, picocli",
        "jackson-annotations-2.23.jar, jackson-annotations"
    })
    void artifact_theNameBeforeTheVersion(String file, String artifact) {
        assertThat(ReplicaJvm.artifact(file)).isEqualTo(artifact);
    }
}
