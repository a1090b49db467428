package dev.slipway.runtime.xgboost;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.slipway.model.DataType;
import dev.slipway.model.Model;
import dev.slipway.model.ModelContext;
import dev.slipway.model.ModelException;
import dev.slipway.model.ModelFactories;
import dev.slipway.model.Parameters;
import dev.slipway.model.Payload;
import dev.slipway.model.Tensor;
import dev.slipway.testing.ReferenceFixture;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Tests for {@link XgboostModel} on the shared iris-xgb fixture in its three formats. */
class XgboostModelTest {

    @TempDir
    Path tmp;

    static Model load(Path dir, Map<String, String> params) {
        ModelFactories runtimes = ModelFactories.load(XgboostModelTest.class.getClassLoader());
        Model model = runtimes.require("XGBOOST_SERVER").create();
        try {
            model.load(new ModelContext("m", dir, dir.toUri().toString(), Parameters.of(params), runtimes));
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        return model;
    }

    /** A folder holding only {@code file} of the fixture (so the format under test is the one read). */
    private Path only(String file) throws Exception {
        Path dir = Files.createDirectories(tmp.resolve(file.replace('.', '-')));
        Files.copy(ReferenceFixture.named("iris-xgb").dir().resolve(file), dir.resolve(file));
        return dir;
    }

    @ParameterizedTest
    @CsvSource({"model.json,json", "model.ubj,ubj", "model.bst,binary"})
    void predict_eachFormat_matchesPythonForEveryMethod(String file, String format) throws Exception {
        ReferenceFixture f = ReferenceFixture.named("iris-xgb");
        Path dir = only(file);
        try (Model predict = load(dir, Map.of())) {
            assertThat(predict.metadata().custom()).containsEntry("format", format);
            Tensor labels = predict.predict(Payload.of(f.input())).tensor();
            assertThat(labels.type()).isEqualTo(DataType.INT64);
            assertThat(labels.toDoubles()).containsExactly(f.expected("predict").toDoubles());
        }
        try (Model proba = load(dir, Map.of("method", "predict_proba"))) {
            ReferenceFixture.assertFloat32Close(
                    proba.predict(Payload.of(f.input())).tensor(), f.expected("predict_proba"));
        }
        try (Model margin = load(dir, Map.of("method", "output_margin"))) {
            ReferenceFixture.assertFloat32Close(
                    margin.predict(Payload.of(f.input())).tensor(), f.expected("output_margin"));
        }
        try (Model booster = load(dir, Map.of("method", "booster"))) {
            // Booster.predict of multi:softprob: the probabilities (what Seldon's Python server returned)
            ReferenceFixture.assertFloat32Close(
                    booster.predict(Payload.of(f.input())).tensor(), f.expected("predict_proba"));
        }
    }

    @Test
    void predict_namedV2Input_returnsATensorNamedByTheMethod() throws Exception {
        ReferenceFixture f = ReferenceFixture.named("iris-xgb");
        try (Model model = load(f.dir(), Map.of("method", "predict_proba"))) {
            Payload out = model.predict(Payload.ofTensors(Map.of("features", f.input())));
            assertThat(out.tensors().keySet()).containsExactly("predict_proba");
        }
    }

    @Test
    void predict_splitProbeRows_compareInFloat32() throws Exception {
        // rows 18..20 of the fixture sit one double-ulp below a float32 split value: equal once cast
        ReferenceFixture f = ReferenceFixture.named("iris-xgb");
        try (Model model = load(f.dir(), Map.of("method", "output_margin"))) {
            Tensor all = model.predict(Payload.of(f.input())).tensor();
            Tensor expected = f.expected("output_margin");
            for (int i = 18 * 3; i < 21 * 3; i++) {
                assertThat(all.getDouble(i))
                        .isCloseTo(expected.getDouble(i), org.assertj.core.data.Offset.offset(1e-6));
            }
        }
    }

    @Test
    void predict_wrongFeatureCountOrText_isInvalidInput() throws Exception {
        try (Model model = load(ReferenceFixture.named("iris-xgb").dir(), Map.of())) {
            assertThatThrownBy(() -> model.predict(Payload.of(Tensor.ofDoubles(new double[6], 2, 3))))
                    .isInstanceOf(ModelException.InvalidInput.class)
                    .hasMessageContaining("rows of 4 features")
                    .hasMessageContaining("FP64[2, 3]");
            assertThatThrownBy(() ->
                            model.predict(Payload.of(Tensor.ofStrings(new String[] {"a", "b", "c", "d"}, 1, 4))))
                    .isInstanceOf(ModelException.InvalidInput.class);
        }
    }

    @Test
    void predict_singleRowVector_isOneRow() throws Exception {
        try (Model model = load(ReferenceFixture.named("iris-xgb").dir(), Map.of())) {
            assertThat(model.predict(Payload.of(Tensor.ofDoubles(new double[] {5.5, 3.5, 1.3, 0.2}, 4)))
                            .tensor()
                            .shape())
                    .containsExactly(1);
        }
    }

    @Test
    void load_regressorWithPredictProba_isRefused() throws Exception {
        Files.writeString(tmp.resolve("model.json"), TinyModels.json("reg:squarederror", "5E-1", "gbtree"));
        assertThatThrownBy(() -> load(tmp, Map.of("method", "predict_proba")))
                .isInstanceOf(ModelException.LoadFailure.class)
                .hasMessageContaining("needs a classifier")
                .hasMessageContaining("reg:squarederror");
    }

    @Test
    void load_unknownMethodOrObjective_isRefused() throws Exception {
        assertThatThrownBy(() -> load(ReferenceFixture.named("iris-xgb").dir(), Map.of("method", "decision_function")))
                .isInstanceOf(ModelException.LoadFailure.class)
                .hasMessageContaining("method");
        Files.writeString(tmp.resolve("model.json"), TinyModels.json("reg:made-up", "5E-1", "gbtree"));
        assertThatThrownBy(() -> load(tmp, Map.of())).hasMessageContaining("objective 'reg:made-up' is not supported");
    }

    @Test
    void load_truncatedOrEmptyOrGarbage_isLoadFailure() throws Exception {
        byte[] bst = Files.readAllBytes(ReferenceFixture.named("iris-xgb").dir().resolve("model.bst"));
        Files.write(tmp.resolve("model.bst"), Arrays.copyOf(bst, 900));
        assertThatThrownBy(() -> load(tmp, Map.of()))
                .isInstanceOf(ModelException.LoadFailure.class)
                .hasMessageContaining("model.bst");
        byte[] ubj = Files.readAllBytes(ReferenceFixture.named("iris-xgb").dir().resolve("model.ubj"));
        Path u = Files.createDirectories(tmp.resolve("u"));
        Files.write(u.resolve("model.ubj"), Arrays.copyOf(ubj, ubj.length / 2));
        assertThatThrownBy(() -> load(u, Map.of()))
                .isInstanceOf(ModelException.LoadFailure.class)
                .hasMessageContaining("UBJSON");
        Path e = Files.createDirectories(tmp.resolve("e"));
        Files.write(e.resolve("model.json"), new byte[0]);
        assertThatThrownBy(() -> load(e, Map.of())).hasMessageContaining("is empty");
        Path j = Files.createDirectories(tmp.resolve("j"));
        Files.writeString(j.resolve("model.json"), "{\"learner\": 3}");
        assertThatThrownBy(() -> load(j, Map.of())).hasMessageContaining("'learner' is missing or not an object");
    }

    @Test
    void load_emptyFolder_namesTheWellKnownFiles() {
        assertThatThrownBy(() -> load(tmp, Map.of()))
                .isInstanceOf(ModelException.LoadFailure.class)
                .hasMessageContaining("model.json, model.ubj, model.bst");
    }
}
