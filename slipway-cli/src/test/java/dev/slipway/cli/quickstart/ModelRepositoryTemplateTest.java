package dev.slipway.cli.quickstart;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.slipway.gitops.spec.Manifest;
import dev.slipway.gitops.spec.SpecParser;
import dev.slipway.pipeline.model.PipelineKind;
import dev.slipway.pipeline.model.Stage;
import dev.slipway.pipeline.yaml.PipelineYamlParser;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Tests for {@link ModelRepositoryTemplate}: the quickstart's model repository is valid as written. */
class ModelRepositoryTemplateTest {

    @TempDir
    Path tmp;

    private final ModelRepositoryTemplate template = ModelRepositoryTemplate.bundled();

    @Test
    void create_writesAValidManifestPipelineAndCases() throws Exception {
        Path repo = template.create(tmp.resolve("news"), "news");

        assertThat(repo.resolve("deploy/model/model.joblib")).exists();
        List<Manifest> manifests = new SpecParser().parseAll(repo.resolve("deploy"));
        assertThat(manifests).hasSize(1);
        assertThat(manifests.get(0).deployment().name()).isEqualTo("news");
        assertThat(manifests.get(0).resolvedJson())
                .contains("SKLEARN_SERVER", repo.resolve("deploy/model").toString());

        var pipelines = new PipelineYamlParser().parseRepository(repo);
        assertThat(pipelines.pipeline(PipelineKind.release).orElseThrow().stages())
                .extracting(Stage::name)
                .containsExactly("Test", "Test integration", "Promote");
        assertThat(pipelines.pipeline(PipelineKind.pullRequest).orElseThrow().stages())
                .extracting(Stage::name)
                .containsExactly("Test", "Test integration");
        assertThat(Files.readString(repo.resolve("integration/cases.yaml")))
                .contains("deployment: news", template.texts().get(0).asText().substring(0, 10));
        assertThat(Files.readString(repo.resolve("tests/model-cases.yaml")))
                .contains(template.texts().toString(), template.labels().toString());
    }

    @Test
    void create_nonEmptyFolder_isRefusedNamingIt() throws Exception {
        Files.createDirectories(tmp.resolve("busy"));
        Files.writeString(tmp.resolve("busy/keep.txt"), "mine");
        assertThatThrownBy(() -> template.create(tmp.resolve("busy"), "news"))
                .hasMessageContaining(tmp.resolve("busy") + ": not empty");
    }

    @Test
    void samples_textsAndLabelsPair() {
        assertThat(template.texts().size()).isEqualTo(template.labels().size()).isGreaterThanOrEqualTo(2);
    }
}
