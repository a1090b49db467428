package dev.slipway.runtime.mlflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.slipway.model.Model;
import dev.slipway.model.ModelContext;
import dev.slipway.model.ModelException;
import dev.slipway.model.ModelFactories;
import dev.slipway.model.Parameters;
import dev.slipway.model.Payload;
import dev.slipway.model.Tensor;
import dev.slipway.runtime.onnx.OnnxModelFactory;
import dev.slipway.testing.ReferenceFixture;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Tests for {@link MlflowModel}: real ONNX and XGBoost delegation, a recording SKLEARN_SERVER. */
class MlflowModelTest {

    static final String IRIS_COLUMNS = "'[{\"name\": \"sepal length (cm)\", \"type\": \"double\"},"
            + " {\"name\": \"sepal width (cm)\", \"type\": \"double\"}, {\"name\": \"petal length (cm)\", \"type\": \"double\"},"
            + " {\"name\": \"petal width (cm)\", \"type\": \"double\"}]'";
    static final List<String> IRIS_NAMES =
            List.of("sepal length (cm)", "sepal width (cm)", "petal length (cm)", "petal width (cm)");

    @TempDir
    Path tmp;

    private Model load(Path dir, Map<String, String> params, ModelFactories runtimes) throws Exception {
        Model model = runtimes.require("MLFLOW_SERVER").create();
        model.load(new ModelContext(
                "mlflow-" + dir.getFileName(), dir, dir.toUri().toString(), Parameters.of(params), runtimes));
        return model;
    }

    private Model load(Path dir, Map<String, String> params) throws Exception {
        return load(dir, params, ModelFactories.load(getClass().getClassLoader()));
    }

    private Path folder(String name, String mlmodel, String fixture, String from, String to) throws Exception {
        Path dir = Files.createDirectories(tmp.resolve(name));
        Files.writeString(dir.resolve("MLmodel"), mlmodel);
        if (fixture != null) {
            Files.copy(ReferenceFixture.named(fixture).dir().resolve(from), dir.resolve(to));
        }
        return dir;
    }

    private Path xgbFolder(String name, String modelClass) throws Exception {
        return folder(name, """
        artifact_path: model
        flavors:
          python_function:
            loader_module: mlflow.xgboost
            data: model.xgb
          xgboost:
            code: null
            data: model.xgb
            model_class: %s
            xgb_version: 1.7.4
        mlflow_version: 1.30.0
        signature:
          inputs: %s
          outputs: '[{"type": "tensor", "tensor-spec": {"dtype": "int64", "shape": [-1]}}]'
        """.formatted(modelClass, IRIS_COLUMNS), "iris-xgb", "model.bst", "model.xgb");
    }

    @Test
    void load_onnxFlavorWithTensorSignature_servesThroughOnnxServer() throws Exception {
        Path dir = folder("onnx", """
        flavors:
          python_function: {loader_module: mlflow.onnx, data: model.onnx}
          onnx: {data: model.onnx, onnx_version: 1.12.0, providers: [CPUExecutionProvider]}
        signature:
          inputs: '[{"name": "input", "type": "tensor", "tensor-spec": {"dtype": "float32", "shape": [-1, 4]}}]'
        """, "iris-onnx", "model.onnx", "model.onnx");
        ReferenceFixture f = ReferenceFixture.named("iris-onnx");
        try (Model model = load(dir, Map.of())) {
            ReferenceFixture.assertFloat32Close(
                    model.predict(Payload.of(f.input())).tensor(), f.expected("probabilities"));
            assertThat(model.metadata().platform()).isEqualTo("mlflow");
            assertThat(model.metadata().custom())
                    .containsEntry("flavor", "onnx")
                    .containsEntry("runtime", OnnxModelFactory.NAME);
            assertThatThrownBy(() -> model.predict(Payload.of(Tensor.ofDoubles(new double[6], 2, 3))))
                    .isInstanceOf(ModelException.InvalidInput.class)
                    .hasMessageContaining("float32 of shape [-1, 4]");
            assertThatThrownBy(() ->
                            model.predict(Payload.of(Tensor.ofStrings(new String[] {"a", "b", "c", "d"}, 1, 4))))
                    .isInstanceOf(ModelException.InvalidInput.class)
                    .hasMessageContaining("expects float32");
        }
    }

    @Test
    void load_xgboostClassifierFlavor_predictsLabelsLikePython() throws Exception {
        ReferenceFixture f = ReferenceFixture.named("iris-xgb");
        try (Model model = load(xgbFolder("xgb", "xgboost.sklearn.XGBClassifier"), Map.of())) {
            assertThat(model.predict(Payload.of(f.input())).tensor().toDoubles())
                    .containsExactly(f.expected("predict").toDoubles());
            assertThat(model.metadata().inputs()).extracting(s -> s.name()).containsExactlyElementsOf(IRIS_NAMES);
        }
    }

    @Test
    void load_xgboostBoosterFlavor_returnsBoosterPredictions() throws Exception {
        ReferenceFixture f = ReferenceFixture.named("iris-xgb");
        try (Model model = load(xgbFolder("booster", "xgboost.core.Booster"), Map.of())) {
            ReferenceFixture.assertFloat32Close(
                    model.predict(Payload.of(f.input())).tensor(), f.expected("predict_proba"));
        }
    }

    @Test
    void predict_v1NamesInAnotherOrder_areReorderedToTheSignature() throws Exception {
        ReferenceFixture f = ReferenceFixture.named("iris-xgb");
        Tensor in = f.input();
        int n = (int) in.dim(0);
        int[] order = {3, 1, 0, 2};
        double[] shuffled = new double[n * 4];
        for (int r = 0; r < n; r++) {
            for (int j = 0; j < 4; j++) {
                shuffled[r * 4 + j] = in.getDouble(r * 4 + order[j]);
            }
        }
        List<String> names = List.of(IRIS_NAMES.get(3), IRIS_NAMES.get(1), IRIS_NAMES.get(0), IRIS_NAMES.get(2));
        try (Model model = load(xgbFolder("xgb-order", "xgboost.sklearn.XGBClassifier"), Map.of())) {
            Payload out =
                    model.predict(Payload.of(Tensor.ofDoubles(shuffled, n, 4)).withNames(names));
            assertThat(out.tensor().toDoubles())
                    .containsExactly(f.expected("predict").toDoubles());
            assertThatThrownBy(() -> model.predict(Payload.of(Tensor.ofDoubles(shuffled, n, 4))
                            .withNames(List.of("a", IRIS_NAMES.get(1), IRIS_NAMES.get(0), IRIS_NAMES.get(2)))))
                    .isInstanceOf(ModelException.InvalidInput.class)
                    .hasMessageContaining("lacks columns [petal width (cm)]");
            assertThatThrownBy(() -> model.predict(Payload.of(Tensor.ofDoubles(new double[3], 1, 3))))
                    .isInstanceOf(ModelException.InvalidInput.class)
                    .hasMessageContaining("expects 4 columns");
        }
    }

    @Test
    void predict_v2OneTensorPerColumn_isStackedInSignatureOrder() throws Exception {
        ReferenceFixture f = ReferenceFixture.named("iris-xgb");
        Tensor in = f.input();
        int n = (int) in.dim(0);
        Map<String, Tensor> columns = new java.util.LinkedHashMap<>();
        for (int j = 3; j >= 0; j--) {
            double[] col = new double[n];
            for (int r = 0; r < n; r++) {
                col[r] = in.getDouble(r * 4 + j);
            }
            columns.put(IRIS_NAMES.get(j), Tensor.ofDoubles(col, n));
        }
        try (Model model = load(xgbFolder("xgb-v2", "xgboost.sklearn.XGBClassifier"), Map.of())) {
            assertThat(model.predict(Payload.ofTensors(columns)).tensor().toDoubles())
                    .containsExactly(f.expected("predict").toDoubles());
        }
    }

    @Test
    void load_sklearnFlavor_delegatesThePickledModelFileAndParameters() throws Exception {
        Path dir = folder("sk", """
        flavors:
          python_function: {loader_module: mlflow.sklearn, model_path: model.pkl}
          sklearn: {pickled_model: model.pkl, serialization_format: cloudpickle, sklearn_version: 1.2.1}
        signature:
          inputs: '[{"name": "a", "type": "long"}, {"name": "b", "type": "double"}]'
        """, "iris-logreg-pickle", "model.pkl", "model.pkl");
        try (Model model = load(dir, Map.of("method", "predict_proba"))) {
            ModelContext seen = RecordingSklearnFactory.LOADED.get("mlflow-sk");
            assertThat(seen.modelDir()).isEqualTo(dir.resolve("model.pkl"));
            assertThat(seen.parameters().asMap()).containsEntry("method", "predict_proba");
            Payload out = model.predict(Payload.of(Tensor.ofDoubles(new double[] {10, 1, 20, 2}, 2, 2))
                    .withNames(List.of("b", "a")));
            assertThat(out.tensor().toDoubles()).containsExactly(1 + 2 * 10, 2 + 2 * 20);
            assertThat(out.names()).containsExactly("a", "b");
            assertThatThrownBy(() -> model.predict(Payload.of(Tensor.ofDoubles(new double[] {1.5, 1}, 1, 2))))
                    .isInstanceOf(ModelException.InvalidInput.class)
                    .hasMessageContaining("column 'a' expects long");
        }
    }

    @Test
    void load_onlyPythonFunction_isRefusedNamingFlavorsAndSupported() throws Exception {
        Path dir = folder("pyfunc", """
        flavors:
          python_function: {loader_module: my_module, code: src}
        """, null, null, null);
        assertThatThrownBy(() -> load(dir, Map.of()))
                .isInstanceOf(ModelException.LoadFailure.class)
                .hasMessageContaining("[python_function]")
                .hasMessageContaining("sklearn (SKLEARN_SERVER)")
                .hasMessageContaining("onnx (ONNX_SERVER)")
                .hasMessageContaining("xgboost (XGBOOST_SERVER)");
    }

    @Test
    void load_flavorWithoutItsRuntime_namesTheMissingRuntime() throws Exception {
        Path dir = folder(
                "sk2",
                "flavors:\n  sklearn: {pickled_model: model.pkl}\n",
                "iris-logreg-pickle",
                "model.pkl",
                "model.pkl");
        ModelFactories noSklearn = ModelFactories.of(List.of(new MlflowModelFactory(), new OnnxModelFactory()));
        assertThatThrownBy(() -> load(dir, Map.of(), noSklearn))
                .isInstanceOf(ModelException.LoadFailure.class)
                .hasMessageContaining("SKLEARN_SERVER, which this server does not have");
    }

    @Test
    void load_brokenMlmodel_isLoadFailure() throws Exception {
        assertThatThrownBy(() -> load(tmp, Map.of())).hasMessageContaining("no MLmodel file");
        Path bad = folder("bad", "flavors: [unclosed\n", null, null, null);
        assertThatThrownBy(() -> load(bad, Map.of()))
                .isInstanceOf(ModelException.LoadFailure.class)
                .hasMessageContaining("not valid YAML");
        Path escape = folder("escape", "flavors:\n  onnx: {data: ../../etc/passwd}\n", null, null, null);
        assertThatThrownBy(() -> load(escape, Map.of())).hasMessageContaining("outside the model folder");
        Path missing = folder("missing", "flavors:\n  onnx: {data: model.onnx}\n", null, null, null);
        assertThatThrownBy(() -> load(missing, Map.of())).hasMessageContaining("does not exist");
        Path sig = folder(
                "sig",
                "flavors:\n  onnx: {data: model.onnx}\nsignature:\n  inputs: 'not json'\n",
                "iris-onnx",
                "model.onnx",
                "model.onnx");
        assertThatThrownBy(() -> load(sig, Map.of())).hasMessageContaining("signature inputs are not valid JSON");
    }
}
