package dev.slipway.runtime.onnx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.slipway.model.Model;
import dev.slipway.model.ModelException;
import dev.slipway.model.Payload;
import dev.slipway.model.Tensor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Tests for {@link OnnxModel} with ONNX-ML ZipMap (sequence of maps) outputs. */
class OnnxNonTensorOutputTest {

    @TempDir
    Path tmp;

    @Test
    void load_zipMapBesideATensor_servesTheTensorAndListsTheZipMap() throws Exception {
        Files.write(tmp.resolve("model.onnx"), TinyOnnx.zipMapModel(true));
        try (Model model = OnnxModelTest.load(tmp, Map.of())) {
            assertThat(model.metadata().outputs()).extracting(s -> s.name()).containsExactly("Y");
            assertThat(model.metadata().custom().get("unsupported_outputs").toString())
                    .contains("Z")
                    .contains("ZipMap");
            Payload out = model.predict(Payload.of(Tensor.ofDoubles(new double[] {0.25, 0.75}, 1, 2)));
            assertThat(out.tensor().toFloats()).containsExactly(0.25f, 0.75f);
        }
    }

    @Test
    void load_outputNamingTheZipMap_isRefusedClearly() throws Exception {
        Files.write(tmp.resolve("model.onnx"), TinyOnnx.zipMapModel(true));
        assertThatThrownBy(() -> OnnxModelTest.load(tmp, Map.of("output", "Z")))
                .isInstanceOf(ModelException.LoadFailure.class)
                .hasMessageContaining("output 'Z'")
                .hasMessageContaining("ZipMap")
                .hasMessageContaining("zipmap=False");
    }

    @Test
    void load_onlyZipMapOutputs_isRefusedClearly() throws Exception {
        Files.write(tmp.resolve("model.onnx"), TinyOnnx.zipMapModel(false));
        assertThatThrownBy(() -> OnnxModelTest.load(tmp, Map.of()))
                .isInstanceOf(ModelException.LoadFailure.class)
                .hasMessageContaining("has no tensor output")
                .hasMessageContaining("zipmap=False");
    }
}
