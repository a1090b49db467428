package dev.slipway.runtime.onnx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.slipway.model.DataType;
import dev.slipway.model.Model;
import dev.slipway.model.ModelContext;
import dev.slipway.model.ModelException;
import dev.slipway.model.ModelFactories;
import dev.slipway.model.ModelMetadata;
import dev.slipway.model.Parameters;
import dev.slipway.model.Payload;
import dev.slipway.model.Tensor;
import dev.slipway.testing.ReferenceFixture;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Tests for {@link OnnxModel}, loaded through the public runtime registry. */
class OnnxModelTest {

    @TempDir
    Path tmp;

    static Model load(Path dir, Map<String, String> params) throws Exception {
        ModelFactories runtimes = ModelFactories.load(OnnxModelTest.class.getClassLoader());
        Model model = runtimes.require("ONNX_SERVER").create();
        model.load(new ModelContext("m", dir, dir.toUri().toString(), Parameters.of(params), runtimes));
        return model;
    }

    @ParameterizedTest
    @ValueSource(strings = {"iris-onnx", "digits-cnn-onnx"})
    void predict_v2NamedInput_matchesPythonForAllOutputs(String name) throws Exception {
        ReferenceFixture f = ReferenceFixture.named(name);
        try (Model model = load(f.dir(), Map.of())) {
            Payload out = model.predict(Payload.ofTensors(Map.of("input", f.input())));
            assertThat(out.tensors().keySet()).containsExactly("probabilities", "label");
            ReferenceFixture.assertFloat32Close(out.tensor("probabilities"), f.expected("probabilities"));
            assertThat(out.tensor("label").type()).isEqualTo(DataType.INT64);
            assertThat(out.tensor("label").toDoubles())
                    .containsExactly(f.expected("label").toDoubles());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"iris-onnx", "digits-cnn-onnx"})
    void predict_v1UnnamedFp64_castsAndReturnsTheFirstOutput(String name) throws Exception {
        ReferenceFixture f = ReferenceFixture.named(name);
        try (Model model = load(f.dir(), Map.of())) {
            Payload out = model.predict(Payload.of(f.input()));
            assertThat(out.tensors().keySet()).containsExactly(Payload.DEFAULT_NAME);
            assertThat(out.tensor().type()).isEqualTo(DataType.FP32);
            ReferenceFixture.assertFloat32Close(out.tensor(), f.expected("probabilities"));
        }
    }

    @Test
    void predict_v1WithOutputParameter_returnsThatOutput() throws Exception {
        ReferenceFixture f = ReferenceFixture.named("iris-onnx");
        try (Model model = load(f.dir(), Map.of("output", "label", "intra_op_threads", "1", "inter_op_threads", "1"))) {
            assertThat(model.predict(Payload.of(f.input())).tensor().toDoubles())
                    .containsExactly(f.expected("label").toDoubles());
        }
    }

    @Test
    void predict_outputsParameter_restrictsV2Outputs() throws Exception {
        ReferenceFixture f = ReferenceFixture.named("iris-onnx");
        try (Model model = load(f.dir(), Map.of("outputs", "label"))) {
            assertThat(model.predict(Payload.ofTensors(Map.of("input", f.input())))
                            .tensors()
                            .keySet())
                    .containsExactly("label");
        }
    }

    @Test
    void predict_singleRowWithoutBatchDimension_getsOne() throws Exception {
        ReferenceFixture f = ReferenceFixture.named("iris-onnx");
        try (Model model = load(f.dir(), Map.of())) {
            Tensor row = Tensor.ofDoubles(new double[] {5.5, 3.5, 1.3, 0.2}, 4);
            assertThat(model.predict(Payload.of(row)).tensor().shape()).containsExactly(1, 3);
        }
    }

    @Test
    void predict_wrongWidth_namesInputAndExpectedShape() throws Exception {
        try (Model model = load(ReferenceFixture.named("iris-onnx").dir(), Map.of())) {
            assertThatThrownBy(() -> model.predict(Payload.of(Tensor.ofDoubles(new double[6], 2, 3))))
                    .isInstanceOf(ModelException.InvalidInput.class)
                    .hasMessageContaining("input 'input'")
                    .hasMessageContaining("[-1, 4]")
                    .hasMessageContaining("FP64[2, 3]");
        }
    }

    @Test
    void predict_wrongRank_isInvalidInput() throws Exception {
        try (Model model = load(ReferenceFixture.named("digits-cnn-onnx").dir(), Map.of())) {
            assertThatThrownBy(() -> model.predict(Payload.of(Tensor.ofDoubles(new double[64], 1, 64))))
                    .isInstanceOf(ModelException.InvalidInput.class)
                    .hasMessageContaining("[-1, 1, 8, 8]");
        }
    }

    @Test
    void predict_unknownOrMissingName_isInvalidInput() throws Exception {
        try (Model model = load(ReferenceFixture.named("iris-onnx").dir(), Map.of())) {
            Tensor t = Tensor.ofDoubles(new double[4], 1, 4);
            assertThatThrownBy(() -> model.predict(Payload.ofTensors(Map.of("features", t))))
                    .isInstanceOf(ModelException.InvalidInput.class)
                    .hasMessageContaining("no input named 'features'")
                    .hasMessageContaining("input: FP32[-1, 4]");
        }
    }

    @Test
    void predict_textForNumbers_isInvalidInput() throws Exception {
        try (Model model = load(ReferenceFixture.named("iris-onnx").dir(), Map.of())) {
            Tensor t = Tensor.ofStrings(new String[] {"a", "b", "c", "d"}, 1, 4);
            assertThatThrownBy(() -> model.predict(Payload.of(t)))
                    .isInstanceOf(ModelException.InvalidInput.class)
                    .hasMessageContaining("input 'input' expects numbers (FP32)");
            assertThatThrownBy(() -> model.predict(Payload.ofString("hello")))
                    .isInstanceOf(ModelException.InvalidInput.class)
                    .hasMessageContaining("strData");
        }
    }

    @Test
    void metadata_describesInputsAndOutputs() throws Exception {
        try (Model model = load(ReferenceFixture.named("iris-onnx").dir(), Map.of())) {
            ModelMetadata m = model.metadata();
            assertThat(m.platform()).isEqualTo("onnx");
            assertThat(m.inputs()).singleElement().satisfies(s -> {
                assertThat(s.name()).isEqualTo("input");
                assertThat(s.type()).isEqualTo(DataType.FP32);
                assertThat(s.shape()).containsExactly(-1, 4);
            });
            assertThat(m.outputs())
                    .extracting(s -> s.name() + ":" + s.type())
                    .containsExactly("probabilities:FP32", "label:INT64");
        }
    }

    @Test
    void load_singleOnnxFileOfAnyName_isFound() throws Exception {
        Files.copy(ReferenceFixture.named("iris-onnx").dir().resolve("model.onnx"), tmp.resolve("classifier.onnx"));
        try (Model model = load(tmp, Map.of())) {
            assertThat(model.metadata().custom()).containsEntry("file", "classifier.onnx");
        }
    }

    @Test
    void load_noOrSeveralOnnxFiles_failsNamingTheFolder() throws Exception {
        assertThatThrownBy(() -> load(tmp, Map.of()))
                .isInstanceOf(ModelException.LoadFailure.class)
                .hasMessageContaining("no ONNX model in " + tmp);
        Files.copy(ReferenceFixture.named("iris-onnx").dir().resolve("model.onnx"), tmp.resolve("a.onnx"));
        Files.copy(ReferenceFixture.named("iris-onnx").dir().resolve("model.onnx"), tmp.resolve("b.onnx"));
        assertThatThrownBy(() -> load(tmp, Map.of())).hasMessageContaining("several ONNX files");
    }

    @Test
    void load_corruptFile_isLoadFailure() throws Exception {
        Files.write(tmp.resolve("model.onnx"), new byte[] {1, 2, 3, 4, 5});
        assertThatThrownBy(() -> load(tmp, Map.of()))
                .isInstanceOf(ModelException.LoadFailure.class)
                .hasMessageContaining("cannot load ONNX model");
    }

    @Test
    void load_unknownOutputOrBadThreads_isLoadFailure() throws Exception {
        Path dir = ReferenceFixture.named("iris-onnx").dir();
        assertThatThrownBy(() -> load(dir, Map.of("output", "nope")))
                .isInstanceOf(ModelException.LoadFailure.class)
                .hasMessageContaining("has outputs [probabilities, label]");
        assertThatThrownBy(() -> load(dir, Map.of("intra_op_threads", "-2"))).hasMessageContaining("intra_op_threads");
    }
}
