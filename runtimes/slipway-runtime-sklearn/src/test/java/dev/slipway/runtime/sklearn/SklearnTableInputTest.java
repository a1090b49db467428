package dev.slipway.runtime.sklearn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.slipway.model.Model;
import dev.slipway.model.ModelException;
import dev.slipway.model.Payload;
import dev.slipway.model.Tensor;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Tests for mixed-cell (categorical) requests and {@code data.names} through {@link SklearnModel}. */
class SklearnTableInputTest {

    private static final Path FRAME = Fixtures.own().resolve("frame-columntransformer-logreg");
    private static final List<String> FIT_ORDER = List.of("age", "fare", "sex", "embarked", "pclass");

    private static Payload rows(List<String> names, String... cells) {
        return Payload.of(Tensor.ofStrings(cells, cells.length / names.size(), names.size()))
                .withNames(names);
    }

    @Test
    void predict_namesInAnotherOrder_sameAnswerAsFittedOrder() throws Exception {
        Model m = Fixtures.load(FRAME, "predict_proba");
        Tensor fitted =
                m.predict(rows(FIT_ORDER, "22.0", "7.25", "male", "S", "3")).tensor();
        Tensor shuffled = m.predict(
                        rows(List.of("sex", "pclass", "age", "embarked", "fare"), "male", "3", "22.0", "S", "7.25"))
                .tensor();
        Tensor unnamed = m.predict(Payload.of(Tensor.ofStrings(new String[] {"22.0", "7.25", "male", "S", "3"}, 1, 5)))
                .tensor();
        assertThat(shuffled.doubles()).containsExactly(fitted.doubles());
        assertThat(unnamed.doubles()).containsExactly(fitted.doubles());
    }

    @Test
    void predict_differentCategory_changesTheAnswer() throws Exception {
        Model m = Fixtures.load(FRAME, "predict_proba");
        Tensor male =
                m.predict(rows(FIT_ORDER, "22.0", "7.25", "male", "S", "3")).tensor();
        Tensor female =
                m.predict(rows(FIT_ORDER, "22.0", "7.25", "female", "S", "3")).tensor();
        assertThat(female.doubles()[1]).isNotEqualTo(male.doubles()[1]);
    }

    @Test
    void predict_missingName_isInvalidInputNamingIt() throws Exception {
        Model m = Fixtures.load(FRAME, "predict");
        assertThatThrownBy(() -> m.predict(
                        rows(List.of("fare", "sex", "embarked", "pclass", "x"), "7.25", "male", "S", "3", "1")))
                .isInstanceOf(ModelException.InvalidInput.class)
                .hasMessageContaining("'age'");
    }

    @Test
    void predict_namesCountDiffersFromWidth_isInvalidInput() throws Exception {
        Model m = Fixtures.load(FRAME, "predict");
        Payload p = Payload.of(Tensor.ofStrings(new String[] {"1", "2", "male", "S"}, 1, 4))
                .withNames(FIT_ORDER);
        assertThatThrownBy(() -> m.predict(p))
                .isInstanceOf(ModelException.InvalidInput.class)
                .hasMessageContaining("names 5 columns")
                .hasMessageContaining("have 4");
    }

    @Test
    void predict_textInNumericColumn_isInvalidInputNamingTheCell() throws Exception {
        Model m = Fixtures.load(FRAME, "predict");
        assertThatThrownBy(() -> m.predict(rows(FIT_ORDER, "22.0", "cheap", "male", "S", "3")))
                .isInstanceOf(ModelException.InvalidInput.class)
                .hasMessageContaining("'cheap'");
    }

    @Test
    void predict_nullAge_isImputed() throws Exception {
        Model m = Fixtures.load(FRAME, "predict_proba");
        Tensor none =
                m.predict(rows(FIT_ORDER, "None", "7.25", "male", "S", "3")).tensor();
        Tensor nan = m.predict(rows(FIT_ORDER, "nan", "7.25", "male", "S", "3")).tensor();
        assertThat(none.doubles()).containsExactly(nan.doubles());
        assertThat(Double.isNaN(none.doubles()[0])).isFalse();
    }

    @Test
    void predict_textToNumericOnlyModel_isStillRefused() throws Exception {
        Model m = Fixtures.load(Fixtures.shared().resolve("iris-logreg"), null);
        assertThatThrownBy(() -> m.predict(Payload.of(Tensor.ofStrings(new String[] {"1", "2", "3", "4"}, 1, 4))))
                .isInstanceOf(ModelException.InvalidInput.class)
                .hasMessageContaining("got text");
    }

    @Test
    void predict_concurrentCallsOnNewEstimators_giveTheSameAnswers() throws Exception {
        for (String name : List.of(
                "frame-columntransformer-logreg",
                "grid-knn-manhattan-distance",
                "iris-svc-rbf-proba",
                "breast-hgb-nan-binary",
                "iris-mlp-relu")) {
            Path dir = Fixtures.own().resolve(name);
            Model m = Fixtures.load(dir, "predict_proba");
            Payload in = Fixtures.inputs(dir);
            Tensor expected = m.predict(in).tensor();
            java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(4);
            try {
                List<java.util.concurrent.Future<Tensor>> fs = new java.util.ArrayList<>();
                for (int i = 0; i < 12; i++) {
                    fs.add(pool.submit(() -> m.predict(in).tensor()));
                }
                for (var f : fs) {
                    assertThat(f.get().doubles()).as(name).containsExactly(expected.doubles());
                }
            } finally {
                pool.shutdownNow();
            }
        }
    }
}
