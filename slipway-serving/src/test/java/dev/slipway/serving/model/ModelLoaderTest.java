package dev.slipway.serving.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.slipway.model.ModelException;
import dev.slipway.model.Parameters;
import dev.slipway.serving.testing.TestModels;
import dev.slipway.storage.ModelStorage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Tests for {@link ModelLoader}: custom classes, unknown runtimes, and load failures naming the URI. */
class ModelLoaderTest {

    @TempDir
    Path tmp;

    private ModelLoader loader() {
        return new ModelLoader(
                new ModelStorage(tmp.resolve("cache"), Map.of()), getClass().getClassLoader());
    }

    @Test
    void load_customClass_passesParameters() throws Exception {
        try (LoadedModel m = loader().load(ModelSource.custom(
                "d", TestModels.Doubler.class.getName(), List.of(), null, Parameters.of(Map.of("suffix", "?"))))) {
            assertThat(m.model()
                            .predict(dev.slipway.model.Payload.ofString("ab"))
                            .string())
                    .isEqualTo("ba?");
            assertThat(m.metadata().platform()).isEqualTo("test");
        }
    }

    @Test
    void load_customClassProblems_areNamed() {
        assertThatThrownBy(() ->
                        loader().load(ModelSource.custom("x", "com.example.Nope", List.of(), null, Parameters.empty())))
                .isInstanceOf(ModelException.LoadFailure.class)
                .hasMessageContaining("model class com.example.Nope was not found");
        assertThatThrownBy(() -> loader().load(
                                ModelSource.custom("x", String.class.getName(), List.of(), null, Parameters.empty())))
                .hasMessageContaining("does not implement dev.slipway.model.Model");
        assertThatThrownBy(() -> loader().load(ModelSource.custom(
                        "x", "a", List.of(tmp.resolve("missing.jar")), null, Parameters.empty())))
                .hasMessageContaining("missing.jar does not exist");
    }

    @Test
    void load_unknownImplementation_listsTheAlternatives() {
        assertThatThrownBy(() -> loader().load(ModelSource.runtime("x", "TENSORFLOW_SERVER", null, Parameters.empty())))
                .isInstanceOf(ModelException.LoadFailure.class)
                .hasMessageContaining("TENSORFLOW_SERVER is a Seldon server that Slipway does not provide")
                .hasMessageContaining("ONNX_SERVER")
                .hasMessageContaining("supported here:");
        assertThatThrownBy(() -> loader().load(ModelSource.runtime("x", "MY_SERVER", null, Parameters.empty())))
                .hasMessageContaining("unknown implementation 'MY_SERVER'");
    }

    @Test
    void load_missingModelUri_namesTheUri() {
        assertThatThrownBy(() -> loader().load(ModelSource.custom(
                        "x",
                        TestModels.Minimal.class.getName(),
                        List.of(),
                        "file:///no/such/model",
                        Parameters.empty())))
                .hasMessageContaining("file:///no/such/model")
                .hasMessageContaining("does not exist");
    }

    @Test
    void load_modelLoadThrows_wrapsWithUriAndCause() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("m"));
        assertThatThrownBy(() -> loader().load(ModelSource.custom(
                        "x", Failing.class.getName(), List.of(), dir.toString(), Parameters.empty())))
                .hasMessageContaining("could not load " + Failing.class.getName() + " from model URI '" + dir + "'")
                .hasMessageContaining("no model.joblib here");
    }

    /** A model whose load fails. */
    public static final class Failing implements dev.slipway.model.Model {
        @Override
        public void load(dev.slipway.model.ModelContext context) throws java.io.IOException {
            throw new java.io.FileNotFoundException("no model.joblib here");
        }

        @Override
        public dev.slipway.model.Payload predict(dev.slipway.model.Payload input) {
            return input;
        }
    }
}
