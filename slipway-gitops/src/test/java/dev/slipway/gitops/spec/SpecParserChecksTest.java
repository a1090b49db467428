package dev.slipway.gitops.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.slipway.support.Problem;
import dev.slipway.testing.SeldonManifests;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Tests for {@link SpecParser#strict} and {@link SpecParser#requiringLocalModels}: typos and missing model folders are
 * caught before anything starts, each named by its field path.
 */
class SpecParserChecksTest {

    @TempDir
    Path dir;

    private Path manifest(String modelUri, String predictorExtra) throws Exception {
        final Path file = dir.resolve("deploy/iris.yaml");
        Files.createDirectories(file.getParent());
        Files.writeString(file, SeldonManifests.deployment("iris", """
        - name: default
          %s
          graph:
            name: classifier
            implementation: SKLEARN_SERVER
            modelUri: %s
        """).formatted(predictorExtra, modelUri));
        return file;
    }

    @Test
    void parse_missingRelativeModelUri_namesTheFieldAndTheResolvedPath() throws Exception {
        final Path file = manifest("./models/rff", "replicas: 1");
        assertThatThrownBy(() -> new SpecParser().requiringLocalModels().parse(file))
                .isInstanceOf(SpecException.class)
                .hasMessageContaining("spec.predictors[0].graph.modelUri: modelUri './models/rff' does not exist: "
                        + dir.resolve("deploy/models/rff").toAbsolutePath());
    }

    @Test
    void parse_missingFileUriAndAbsolutePath_areErrorsToo() throws Exception {
        final Path missing = dir.resolve("nowhere");
        assertThatThrownBy(() -> new SpecParser().requiringLocalModels().parse(manifest("file://" + missing, "")))
                .hasMessageContaining("spec.predictors[0].graph.modelUri: modelUri 'file://" + missing
                        + "' does not exist: " + missing);
        assertThatThrownBy(() -> new SpecParser().requiringLocalModels().parse(manifest(missing.toString(), "")))
                .hasMessageContaining("does not exist: " + missing);
    }

    @Test
    void parse_existingLocalModelAndRemoteUris_pass() throws Exception {
        Files.createDirectories(dir.resolve("deploy/models/iris"));
        assertThat(new SpecParser()
                        .requiringLocalModels()
                        .parse(manifest("./models/iris", ""))
                        .deployment()
                        .name())
                .isEqualTo("iris");
        assertThat(new SpecParser()
                        .requiringLocalModels()
                        .parse(manifest("gs://seldon-models/sklearn/iris", ""))
                        .deployment()
                        .name())
                .isEqualTo("iris");
    }

    @Test
    void parse_withoutTheCheck_aMissingModelIsNotAnError() throws Exception {
        assertThat(new SpecParser()
                        .parse(manifest("./models/rff", ""))
                        .deployment()
                        .name())
                .isEqualTo("iris");
    }

    @Test
    void parse_unknownField_isAWarningNamingTheClosestField() throws Exception {
        final Manifest m = new SpecParser().parse(manifest("gs://b/iris", "trafic: 100"));
        assertThat(m.warnings())
                .extracting(Problem::toString)
                .anySatisfy(w -> assertThat(w)
                        .endsWith("spec.predictors[0].trafic: unknown field, ignored (did you mean" + " 'traffic'?)"));
    }

    @Test
    void parse_strict_unknownFieldsAreErrors() throws Exception {
        assertThatThrownBy(() -> new SpecParser().strict(true).parse(manifest("gs://b/iris", "replica: 1")))
                .isInstanceOf(SpecException.class)
                .hasMessageContaining("spec.predictors[0].replica: unknown field (did you mean 'replicas'?)");
    }

    @Test
    void parse_errorWithUnknownField_reportsTheWarningNextToTheError() throws Exception {
        final SpecException e = org.junit.jupiter.api.Assertions.assertThrows(
                SpecException.class,
                () -> new SpecParser().requiringLocalModels().parse(manifest("./models/rff", "trafic: 50")));
        assertThat(e.lines()).hasSize(2);
        assertThat(e.lines().get(0))
                .contains("spec.predictors[0].graph.modelUri: modelUri './models/rff' does not exist");
        assertThat(e.lines().get(1)).startsWith("warning: ").contains("spec.predictors[0].trafic: unknown field");
        assertThat(e.getMessage()).contains("warning: ");
    }
}
