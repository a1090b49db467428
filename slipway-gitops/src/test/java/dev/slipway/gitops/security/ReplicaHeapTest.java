package dev.slipway.gitops.security;

import static org.assertj.core.api.Assertions.assertThat;

import dev.slipway.gitops.target.local.JavaServerCommand;
import dev.slipway.gitops.target.local.LaunchSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Finding 11 of issue 13: replicas had no heap limit (40 concurrent 29 MiB predictions took 5.4 GB). Each replica now
 * starts with an {@code -Xmx} derived from its model's size, which {@code SLIPWAY_JAVA_OPTS} in the container's env
 * overrides.
 */
class ReplicaHeapTest {

    @TempDir
    Path dir;

    private final JavaServerCommand java = new JavaServerCommand(
            "/usr/bin/java", "a.jar", JavaServerCommand.SLIPWAY_MAIN, List.of("-XX:+UseSerialGC"));

    private static String xmx(List<String> cmd) {
        return cmd.stream()
                .filter(a -> a.startsWith("-Xmx"))
                .reduce((a, b) -> b)
                .orElse("none");
    }

    @Test
    void replica_getsAHeapLimitFromItsModelSize_andTheSpecCanOverrideIt() throws Exception {
        Path model = Files.createDirectories(dir.resolve("model"));
        Files.write(model.resolve("model.joblib"), new byte[64 * 1024 * 1024]);
        LaunchSpec local = new LaunchSpec(
                "clf", "SKLEARN_SERVER", model.toUri().toString(), List.of(), null, null, Map.of(), null);
        assertThat(xmx(java.command(local, "127.0.0.1"))).isEqualTo("-Xmx512m"); // 256 MiB + 4 x 64 MiB
        LaunchSpec remote =
                new LaunchSpec("clf", "SKLEARN_SERVER", "s3://bucket/iris", List.of(), null, null, Map.of(), null);
        assertThat(xmx(java.command(remote, "127.0.0.1"))).isEqualTo("-Xmx1024m");
        LaunchSpec override = new LaunchSpec(
                "clf",
                "SKLEARN_SERVER",
                "s3://bucket/iris",
                List.of(),
                null,
                null,
                Map.of(JavaServerCommand.JAVA_OPTS_ENV, "-Xmx3g -XX:+UseParallelGC"),
                null);
        List<String> cmd = java.command(override, "127.0.0.1");
        assertThat(xmx(cmd)).isEqualTo("-Xmx3g");
        assertThat(cmd).contains("-XX:+UseParallelGC");
        assertThat(cmd.indexOf("-Xmx3g")).isLessThan(cmd.indexOf("-cp"));
    }

    /** Finding 15: a replica of a control plane with roots is started with them; the spec's env cannot drop them. */
    @Test
    void replica_ofAControlPlaneWithModelRoots_getsThemOnItsCommandLine() {
        LaunchSpec spec = new LaunchSpec(
                "clf",
                "SKLEARN_SERVER",
                "file:///etc/passwd",
                List.of(),
                null,
                null,
                Map.of(JavaServerCommand.JAVA_OPTS_ENV, "-Xmx1g"),
                null);
        List<String> cmd = java.withModelRoots(List.of(dir.resolve("gitops"), dir.resolve("artifacts")))
                .command(spec, "127.0.0.1");
        assertThat(String.join(" ", cmd))
                .contains("--model-root " + dir.resolve("gitops") + " --model-root " + dir.resolve("artifacts"));
        assertThat(java.command(spec, "127.0.0.1")).doesNotContain("--model-root");
    }
}
