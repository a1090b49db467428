package dev.slipway.cli.command;

import static org.assertj.core.api.Assertions.assertThat;

import dev.slipway.cli.Cli;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Tests that {@code deploy}, {@code e2e} and {@code promote} refuse a manifest with a missing local model or (when
 * strict) an unknown field before anything starts or is sent, naming the field path and the resolved path.
 */
class ValidationBeforeStartTest {

    @TempDir
    Path dir;

    private Path manifest(String predictorExtra) throws Exception {
        final Path file = dir.resolve("repo/deploy/iris.yaml");
        Files.createDirectories(file.getParent());
        Files.writeString(file, """
        apiVersion: machinelearning.seldon.io/v1
        kind: SeldonDeployment
        metadata: {name: iris}
        spec:
          predictors:
          - name: default
            %s
            graph: {name: classifier, implementation: SKLEARN_SERVER, modelUri: ./models/rff}
        """.formatted(predictorExtra));
        return file;
    }

    private String missing() {
        return "spec.predictors[0].graph.modelUri: modelUri './models/rff' does not exist: "
                + dir.resolve("repo/deploy/models/rff").toAbsolutePath();
    }

    @Test
    void deploy_missingModel_refusedBeforeAnythingIsSent() throws Exception {
        final Cli.Run run =
                Cli.run("deploy", "-f", manifest("replicas: 1").toString(), "--server", "http://127.0.0.1:1");
        assertThat(run.code()).isEqualTo(2);
        assertThat(run.err())
                .contains("invalid manifest, nothing was deployed", missing())
                .doesNotContain("Connection refused");
    }

    @Test
    void deploy_strict_unknownFieldIsAnError_withTheFieldItWasMeantToBe() throws Exception {
        Files.createDirectories(dir.resolve("repo/deploy/models/rff"));
        final Cli.Run run = Cli.run(
                "deploy", "--strict", "-f", manifest("trafic: 100").toString(), "--server", "http://127.0.0.1:1");
        assertThat(run.code()).isEqualTo(2);
        assertThat(run.err()).contains("spec.predictors[0].trafic: unknown field (did you mean 'traffic'?)");
    }

    @Test
    void e2e_missingModel_nothingIsStarted_andTheUnknownFieldShowsNextToIt() throws Exception {
        final Cli.Run run =
                Cli.run("e2e", "--no-strict", "-f", manifest("trafic: 100").toString(), "--", "true");
        assertThat(run.code()).isEqualTo(2);
        assertThat(run.err())
                .contains(
                        "nothing was started",
                        missing(),
                        "warning: " + dir.resolve("repo/deploy/iris.yaml")
                                + ": spec.predictors[0].trafic: unknown field, ignored" + " (did you mean 'traffic'?)");
        assertThat(run.out()).doesNotContain("gateway on");
    }

    @Test
    void e2e_strictByDefault_replicaIsAnUnknownField() throws Exception {
        Files.createDirectories(dir.resolve("repo/deploy/models/rff"));
        final Cli.Run run = Cli.run("e2e", "-f", manifest("replica: 1").toString(), "--", "true");
        assertThat(run.code()).isEqualTo(2);
        assertThat(run.err()).contains("spec.predictors[0].replica: unknown field (did you mean 'replicas'?)");
        assertThat(run.out()).doesNotContain("gateway on");
    }

    @Test
    void promote_missingModel_refusedWithoutACommit() throws Exception {
        final Path gitops = InProcessPlanes.gitopsInit(dir.resolve("gitops.git"), "alice");
        final Cli.Run run = Cli.run(
                "promote",
                "--gitops",
                gitops.toString(),
                "--env",
                "staging",
                "--from",
                manifest("replicas: 1").toString(),
                "--author",
                "carol");
        assertThat(run.code()).isEqualTo(2);
        assertThat(run.err()).contains(missing());
        final Cli.Run strict = Cli.run(
                "promote",
                "--gitops",
                gitops.toString(),
                "--env",
                "staging",
                "--from",
                manifest("trafic: 1").toString(),
                "--author",
                "carol");
        assertThat(strict.err()).contains("spec.predictors[0].trafic: unknown field (did you mean 'traffic'?)");
        final Cli.Run history = Cli.run("env", "history", "staging", "--gitops", gitops.toString());
        assertThat(history.out()).doesNotContain("Promote iris");
    }
}
