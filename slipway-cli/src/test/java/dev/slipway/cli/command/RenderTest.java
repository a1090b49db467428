package dev.slipway.cli.command;

import static org.assertj.core.api.Assertions.assertThat;

import dev.slipway.cli.Cli;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Tests for {@link Render}: the command prints the renderer's golden objects and refuses bad flags by name. */
class RenderTest {

    static final Path GOLDEN = Path.of("..", "slipway-kubernetes", "src", "test", "resources", "render");

    @Test
    void render_nativeYaml_isTheGoldenOutput() throws IOException {
        final Cli.Run run = Cli.run(
                "render",
                "-f",
                GOLDEN.resolve("news-classifier.json").toString(),
                "--mode",
                "native",
                "--namespace",
                "production");
        assertThat(run.err()).isEmpty();
        assertThat(run.code()).isZero();
        assertThat(run.out()).isEqualTo(Files.readString(GOLDEN.resolve("news-classifier.native.golden.yaml")));
    }

    @Test
    void render_folderAsJson_oneListWithTheManifestsOwnNamespace(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("a.yaml"), """
        apiVersion: machinelearning.seldon.io/v1
        kind: SeldonDeployment
        metadata: {name: iris, namespace: models}
        spec:
          predictors:
          - name: default
            graph: {name: classifier, implementation: SKLEARN_SERVER, modelUri: 's3://bucket/iris'}
        """);
        final Cli.Run run = Cli.run("render", "-f", dir.toString(), "--mode", "seldon", "-o", "json");
        assertThat(run.code()).isZero();
        assertThat(run.out())
                .contains("\"kind\":\"List\"")
                .contains("\"namespace\":\"models\"")
                .contains("\"kind\":\"SeldonDeployment\"");
    }

    @Test
    void render_badModeOrManifest_clearErrors(@TempDir Path dir) throws IOException {
        final Cli.Run mode =
                Cli.run("render", "-f", GOLDEN.resolve("news-classifier.json").toString(), "--mode", "helm");
        assertThat(mode.code()).isEqualTo(2);
        assertThat(mode.err()).contains("--mode: 'helm' is not a mode (native or seldon)");
        Files.writeString(
                dir.resolve("bad.yaml"),
                "apiVersion: machinelearning.seldon.io/v1\nkind: SeldonDeployment\n"
                        + "metadata: {name: x}\nspec: {predictors: [{name: p, replicas: -1, graph: {name: m}}]}\n");
        final Cli.Run bad = Cli.run("render", "-f", dir.resolve("bad.yaml").toString(), "--mode", "native");
        assertThat(bad.code()).isNotZero();
        assertThat(bad.err()).contains("bad.yaml");
    }
}
