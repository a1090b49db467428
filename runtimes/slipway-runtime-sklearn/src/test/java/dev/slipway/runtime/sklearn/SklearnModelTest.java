package dev.slipway.runtime.sklearn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import dev.slipway.model.DataType;
import dev.slipway.model.Model;
import dev.slipway.model.ModelException;
import dev.slipway.model.ModelMetadata;
import dev.slipway.model.Payload;
import dev.slipway.model.Tensor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Tests for {@link SklearnModel}: loading rules, input errors, metadata, concurrency. */
class SklearnModelTest {

    private static Path shared(String name) {
        return Fixtures.shared().resolve(name);
    }

    static Stream<Arguments> inputsTheModelRefuses() {
        return Stream.of(
                arguments(
                        "iris-logreg",
                        Tensor.ofDoubles(new double[] {1, 2, 3}, 1, 3),
                        List.of("expected 4 features per row but got 3")),
                arguments(
                        "iris-logreg",
                        Tensor.ofStrings(new String[] {"a", "b", "c", "d"}, 1, 4),
                        List.of("expected numeric rows [n, 4]", "got text")),
                arguments(
                        "news-nb",
                        Tensor.ofDoubles(new double[] {1, 2}, 1, 2),
                        List.of("expected text documents", "got numbers")),
                arguments("iris-logreg", Tensor.ofDoubles(new double[] {1, 2, 3, 4}, 4), List.of("1-D array")));
    }

    @ParameterizedTest(name = "{0} refuses {1}")
    @MethodSource("inputsTheModelRefuses")
    void predict_inputThatDoesNotFit_isInvalidInputSayingWhy(String fixture, Tensor input, List<String> why)
            throws Exception {
        Model m = Fixtures.load(shared(fixture), null);
        assertThatThrownBy(() -> m.predict(Payload.of(input)))
                .isInstanceOf(ModelException.InvalidInput.class)
                .hasMessageContainingAll(why.toArray(String[]::new));
    }

    @Test
    void predict_textColumnAndStrData_acceptedByTextModel() throws Exception {
        Model m = Fixtures.load(shared("news-nb"), "predict");
        Tensor column = m.predict(Payload.of(Tensor.ofStrings(new String[] {"computer science", "politics"}, 2, 1)))
                .tensor();
        Tensor single = m.predict(Payload.ofString("computer science")).tensor();
        assertThat(column.shape()).containsExactly(2);
        assertThat(single.doubles()[0]).isEqualTo(column.doubles()[0]);
    }

    @Test
    void load_methodTheEstimatorLacks_failsNamingIt() {
        assertThatThrownBy(() -> Fixtures.load(shared("news-tfidf-linsvc"), null))
                .isInstanceOf(ModelException.LoadFailure.class)
                .hasMessageContaining("LinearSVC has no predict_proba")
                .hasMessageContaining("predict, decision_function");
        assertThatThrownBy(() -> Fixtures.load(shared("diabetes-ridge"), "decision_function"))
                .isInstanceOf(ModelException.LoadFailure.class)
                .hasMessageContaining("Ridge has no decision_function");
    }

    @Test
    void load_unknownMethodParameter_failsNamingChoices() {
        assertThatThrownBy(() -> Fixtures.load(shared("iris-logreg"), "transform"))
                .isInstanceOf(ModelException.LoadFailure.class)
                .hasMessageContaining("method");
    }

    @Test
    void load_missingModelFile_namesFolderAndNames(@TempDir Path dir) {
        assertThatThrownBy(() -> Fixtures.load(dir, null))
                .isInstanceOf(ModelException.LoadFailure.class)
                .hasMessageContaining(dir.toString())
                .hasMessageContaining("model.joblib, model.pkl, model.pickle");
    }

    @Test
    void load_singleFileLocation_isAccepted(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("anything.bin");
        Files.copy(shared("iris-logreg").resolve("model.joblib"), f);
        Model m = Fixtures.load(f, "predict");
        assertThat(m.predict(Payload.of(Tensor.ofDoubles(new double[] {5.1, 3.5, 1.4, 0.2}, 1, 4)))
                        .tensor()
                        .longs())
                .containsExactly(0L);
    }

    @Test
    void load_pickleFallbackName_isFound(@TempDir Path dir) throws Exception {
        Files.copy(shared("iris-logreg-pickle").resolve("model.pkl"), dir.resolve("model.pickle"));
        assertThat(Fixtures.load(dir, null).ready()).isTrue();
    }

    @Test
    void metadata_classifier_reportsClassesFeaturesAndSpecs() throws Exception {
        ModelMetadata md = Fixtures.load(shared("iris-logreg-strlabels"), null).metadata();
        assertThat(md.platform()).isEqualTo("sklearn");
        assertThat(md.custom())
                .containsEntry("n_features_in_", 4)
                .containsEntry("classes_", List.of("setosa", "versicolor", "virginica"))
                .containsEntry("estimator", "LogisticRegression");
        assertThat(md.inputs().get(0).shape()).containsExactly(-1, 4);
        assertThat(md.outputs().get(0).type()).isEqualTo(DataType.FP64);
        assertThat(md.outputs().get(0).shape()).containsExactly(-1, 3);
    }

    @Test
    void metadata_pipeline_listsEstimatorClasses() throws Exception {
        ModelMetadata md = Fixtures.load(shared("news-nb"), null).metadata();
        assertThat(md.custom().get("estimators"))
                .isEqualTo(List.of("Pipeline", "CountVectorizer", "TfidfTransformer", "MultinomialNB"));
        assertThat(md.inputs().get(0).type()).isEqualTo(DataType.STRING);
    }

    @Test
    void predict_concurrentCalls_giveTheSameAnswers() throws Exception {
        Model m = Fixtures.load(shared("news-nb"), null);
        Payload in = Fixtures.inputs(shared("news-nb"));
        Tensor expected = m.predict(in).tensor();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Tensor>> fs = new java.util.ArrayList<>();
            for (int i = 0; i < 16; i++) {
                fs.add(pool.submit(() -> m.predict(in).tensor()));
            }
            for (Future<Tensor> f : fs) {
                assertThat(f.get()).isEqualTo(expected);
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
