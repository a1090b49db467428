package dev.slipway.runtime.python;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.slipway.model.DataType;
import dev.slipway.model.Feedback;
import dev.slipway.model.Metric;
import dev.slipway.model.ModelException;
import dev.slipway.model.Payload;
import dev.slipway.model.Tensor;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Tests for {@link PythonModel}: the Seldon contract through real Python worker processes. */
class PythonModelTest {

    private static final Payload IRIS =
            Payload.of(Tensor.ofDoubles(new double[] {5.5, 3.5, 1.3, 0.2, 5.7, 2.8, 4.5, 1.3}, 2, 4));

    @Test
    void predict_sklearnClass_answersProbabilitiesWithClassNamesTagsAndMetrics() {
        List<String> log = PythonModels.log();
        try (PythonModel model =
                PythonModels.start("iris", Map.of("scale:FLOAT", "1.0"), PythonModels.fixture("iris-logreg"), log)) {
            Payload out = model.predict(IRIS);
            Tensor t = out.tensor();
            assertThat(t.type()).isEqualTo(DataType.FP64);
            assertThat(t.shape()).containsExactly(2, 3);
            // the fixture's expected predict_proba for these two rows (scikit-learn 1.2.1)
            assertThat(t.doubles()[0]).isCloseTo(0.9766331012661034, org.assertj.core.data.Offset.offset(1e-12));
            assertThat(t.doubles()[4]).isCloseTo(0.8507776014413491, org.assertj.core.data.Offset.offset(1e-12));
            assertThat(out.names()).containsExactly("setosa", "versicolor", "virginica");
            assertThat(out.tags()).containsEntry("model", "iris");
            assertThat(model.metrics())
                    .extracting(Metric::key, Metric::type)
                    .containsExactly(
                            org.assertj.core.groups.Tuple.tuple("iris_calls", Metric.Type.COUNTER),
                            org.assertj.core.groups.Tuple.tuple("iris_total", Metric.Type.GAUGE));
            assertThat(model.metrics()).as("metrics are handed over once").isEmpty();
            assertThat(model.metadata().platform()).isEqualTo("sklearn");
            assertThat(model.metadata().versions()).containsExactly("v1");
            assertThat(model.ready()).isTrue();
        }
    }

    @Test
    void predict_strBinJsonAndStrings_reachTheClassAsSeldonPassesThem() {
        try (PythonModel model = PythonModels.start("echo", Map.of(), null, PythonModels.log())) {
            assertThat(model.predict(Payload.ofString("hi")).string()).isEqualTo("HI");
            assertThat(model.predict(Payload.ofBytes(new byte[] {1, 2, 3})).bytes())
                    .containsExactly(3, 2, 1);
            assertThat(model.predict(Payload.ofJson(Map.of("a", List.of(1, 2.5, "x", true))))
                            .json())
                    .isEqualTo(Map.of("echo", Map.of("a", List.of(1L, 2.5, "x", true))));
            Tensor words = model.predict(Payload.of(Tensor.ofStrings(new String[] {"a", "bc"}, 1, 2)))
                    .tensor();
            assertThat(words.type()).isEqualTo(DataType.STRING);
            assertThat(words.strings()).containsExactly("A", "BC");
            Tensor ints = model.predict(Payload.of(Tensor.ofLongs(new long[] {1, 2, 3}, 3)))
                    .tensor();
            assertThat(ints.type()).isEqualTo(DataType.INT64);
            assertThat(ints.longs()).containsExactly(2, 4, 6);
            Tensor floats = model.predict(Payload.of(Tensor.ofFloats(new float[] {1.5f}, 1, 1)))
                    .tensor();
            assertThat(floats.type()).isEqualTo(DataType.FP32);
            assertThat(floats.floats()).containsExactly(3f);
            Tensor bools = model.predict(Payload.of(Tensor.ofBooleans(new boolean[] {true, false}, 2)))
                    .tensor();
            assertThat(bools.type()).isEqualTo(DataType.INT64);
        }
    }

    @Test
    void predict_metaAndNames_arePassedWithTheRequestTags() {
        try (PythonModel model = PythonModels.start("echo", Map.of(), null, PythonModels.log())) {
            Payload in = Payload.ofJson(Map.of("what", "meta"))
                    .withNames(List.of("x", "y"))
                    .withTags(Map.of("t", "v"));
            assertThat(model.predict(in).json())
                    .isEqualTo(Map.of("meta", Map.of("tags", Map.of("t", "v")), "names", List.of("x", "y")));
        }
    }

    @Test
    void constructor_getsParametersTypedBySuffixOrByTheLocalRuntimesTypes() {
        Map<String, String> params = Map.of(
                "greeting",
                "hey",
                "count:INT",
                "3",
                "ratio:DOUBLE",
                "0.25",
                "flag",
                "true",
                "config",
                "{\"k\": [1, 2]}");
        try (PythonModel model = PythonModels.start(
                "echo", params, null, PythonModels.log(), Map.of(PythonSettings.TYPES_ENV, "flag:BOOL,config:JSON"))) {
            Object json =
                    model.predict(Payload.ofJson(Map.of("what", "params"))).json();
            assertThat(json)
                    .isEqualTo(Map.of(
                            "greeting",
                            "hey",
                            "count",
                            3L,
                            "ratio",
                            0.25,
                            "flag",
                            true,
                            "config",
                            Map.of("k", List.of(1L, 2L)),
                            "types",
                            List.of("str", "int", "float", "bool", "dict")));
        }
    }

    @Test
    void graphMethods_transformRouteAggregateFeedbackHealth() {
        try (PythonModel model = PythonModels.start("echo", Map.of(), null, PythonModels.log())) {
            Payload in = Payload.of(Tensor.ofDoubles(new double[] {1, 2}, 1, 2));
            Payload transformed = model.transformInput(in);
            assertThat(transformed.tensor().doubles()).containsExactly(2, 3);
            assertThat(transformed.names())
                    .as("feature_names() names a transformed request")
                    .containsExactly("a", "b");
            assertThat(model.transformOutput(in).tensor().doubles()).containsExactly(10, 20);
            assertThat(model.route(Payload.of(Tensor.ofDoubles(new double[] {3}, 1, 1))))
                    .isEqualTo(1);
            assertThat(model.route(Payload.of(Tensor.ofDoubles(new double[] {4}, 1, 1))))
                    .isEqualTo(0);
            Payload mean = model.aggregate(List.of(in, Payload.of(Tensor.ofDoubles(new double[] {3, 4}, 1, 2))));
            assertThat(mean.tensor().doubles()).containsExactly(2, 3);
            Payload feedback = model.sendFeedback(new Feedback(
                            in, in, Payload.of(Tensor.ofDoubles(new double[] {1}, 1)), 0.5, Map.of("echo", 1)))
                    .orElseThrow();
            assertThat(feedback.json()).isEqualTo(Map.of("reward", 0.5, "routing", 1L, "truth", List.of(1.0)));
            assertThat(model.healthStatus().orElseThrow().json()).isEqualTo(Map.of("healthy", true));
        }
    }

    @Test
    void rawMethods_getAndAnswerWholeMessages() {
        try (PythonModel model = PythonModels.start("raw", Map.of(), null, PythonModels.log())) {
            Payload out = model.predict(Payload.of(Tensor.ofDoubles(new double[] {1, 2, 3, 4}, 2, 2))
                    .withTags(Map.of("in", 1)));
            assertThat(out.tensor().toDoubles()).containsExactly(3, 7);
            assertThat(out.names()).containsExactly("sum");
            assertThat(out.tags()).containsEntry("raw", true).containsEntry("seen", Map.of("in", 1L));
            assertThat(model.metrics()).extracting(Metric::type).containsExactly(Metric.Type.TIMER);
            assertThat(model.transformInput(Payload.ofString("x")).string()).isEqualTo("raw:x");
            assertThat(model.transformOutput(Payload.ofString("same")).string())
                    .as("not implemented: unchanged")
                    .isEqualTo("same");
            assertThatThrownBy(() -> model.route(Payload.ofString("x"))).isInstanceOf(ModelException.Unsupported.class);
        }
    }

    @Test
    void exceptions_becomeTheirStatus() {
        try (PythonModel model = PythonModels.start("raising", Map.of(), null, PythonModels.log())) {
            assertThatThrownBy(() -> model.predict(Payload.ofString("boom")))
                    .isExactlyInstanceOf(ModelException.class)
                    .hasMessage("ValueError: the model failed on purpose");
            assertThatThrownBy(() -> model.predict(Payload.ofString("bad")))
                    .isInstanceOf(ModelException.InvalidInput.class)
                    .hasMessage("this input is not for me");
            assertThatThrownBy(() -> model.predict(Payload.ofString("teapot")))
                    .isInstanceOfSatisfying(ModelException.WithStatus.class, e -> {
                        assertThat(e.status()).isEqualTo(418);
                        assertThat(e.reason()).isEqualTo("TEAPOT");
                    });
            assertThatThrownBy(() -> model.predict(Payload.ofString("metric")))
                    .isInstanceOf(ModelException.InvalidInput.class)
                    .hasMessageContaining("Unknown data type returned as payload");
            assertThat(model.workerPids())
                    .as("exceptions do not cost the worker")
                    .hasSize(1);
        }
    }

    @Test
    void prints_goToTheLogPrefixedWithTheModelName() {
        List<String> log = PythonModels.log();
        try (PythonModel model = PythonModels.start("echo", Map.of(), null, log)) {
            model.predict(Payload.ofString("x"));
            awaitLine(log, "[echo] predict got str");
            assertThat(log).anyMatch(l -> l.startsWith("[echo] Echo constructed in pid "));
        }
    }

    @Test
    void importFailure_failsTheLoadNamingModuleAndInterpreter() {
        assertThatThrownBy(() -> PythonModels.start("broken", Map.of(), null, PythonModels.log()))
                .isInstanceOf(ModelException.LoadFailure.class)
                .hasMessageContaining("cannot import module 'Broken'")
                .hasMessageContaining(PythonModels.python())
                .hasMessageContaining("module_that_does_not_exist");
    }

    @Test
    void missingInterpreter_failsTheLoadNamingIt() {
        assertThatThrownBy(() -> PythonModels.start(
                        "echo", Map.of(PythonSettings.EXEC, "/nonexistent/python9"), null, PythonModels.log()))
                .isInstanceOf(ModelException.LoadFailure.class)
                .hasMessageContaining("/nonexistent/python9");
    }

    static void awaitLine(List<String> log, String line) {
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (!log.contains(line) && System.nanoTime() < deadline) {
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                throw new AssertionError(e);
            }
        }
        assertThat(log).contains(line);
    }

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
