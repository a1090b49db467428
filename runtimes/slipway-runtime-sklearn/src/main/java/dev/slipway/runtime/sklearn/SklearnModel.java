package dev.slipway.runtime.sklearn;

import dev.slipway.model.DataType;
import dev.slipway.model.Model;
import dev.slipway.model.ModelContext;
import dev.slipway.model.ModelException;
import dev.slipway.model.ModelMetadata;
import dev.slipway.model.Payload;
import dev.slipway.model.TensorSpec;
import dev.slipway.runtime.sklearn.estimators.Converter;
import dev.slipway.runtime.sklearn.estimators.Estimator;
import dev.slipway.runtime.sklearn.estimators.EstimatorRegistry;
import dev.slipway.runtime.sklearn.estimators.Method;
import dev.slipway.runtime.sklearn.estimators.Rows;
import dev.slipway.runtime.sklearn.pickle.Allowlist;
import dev.slipway.runtime.sklearn.pickle.JoblibFile;
import dev.slipway.runtime.sklearn.pickle.PickleException;
import dev.slipway.runtime.sklearn.pickle.PickleLimits;
import dev.slipway.runtime.sklearn.pickle.PyInstance;
import dev.slipway.runtime.sklearn.pickle.UnsafePickleException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * A scikit-learn model served like Seldon's SKLEARN_SERVER: loads {@code model.joblib} (else
 * {@code model.pkl}/{@code model.pickle}) through the safe unpickler, and answers each request with the
 * method named by the {@code method} parameter ({@code predict_proba} by default, {@code predict},
 * {@code decision_function}). Loaded state is immutable; {@link #predict} is thread-safe.
 */
public final class SklearnModel implements Model {

    /** Estimators nested deeper than this (pipelines in pipelines…) are refused. */
    static final int MAX_ESTIMATOR_DEPTH = 64;

    private static final EstimatorRegistry REGISTRY = SklearnClasses.registry();
    private static final Allowlist ALLOWLIST = SklearnClasses.allowlist(REGISTRY);

    private record Loaded(Estimator estimator, Method method, Path file, String version) {}

    private volatile Loaded loaded;

    @Override
    public void load(ModelContext context) {
        String m = context.parameters()
                .getChoice("method", "predict_proba", Set.of("predict", "predict_proba", "decision_function"));
        Method method = Method.valueOf(m.toUpperCase(Locale.ROOT));
        Path file = ModelFiles.find(context.requireModelDir());
        Object root = read(file);
        Estimator est;
        try {
            est = Converter.of(REGISTRY, MAX_ESTIMATOR_DEPTH)
                    .convert(root, file.getFileName().toString());
        } catch (ModelException.LoadFailure e) {
            throw new ModelException.LoadFailure("cannot load " + file + ": " + e.getMessage(), e);
        }
        if (!est.methods().contains(method)) {
            throw new ModelException.LoadFailure(file + ": "
                    + est.unsupported(method).getMessage() + "; set the parameter 'method' to one of those");
        }
        String version = root instanceof PyInstance i && i.attributes().get("_sklearn_version") instanceof String s
                ? s
                : "unknown";
        this.loaded = new Loaded(est, method, file, version);
    }

    /** Reads the pickled object graph of a model file, mapping every failure to a {@link ModelException.LoadFailure}. */
    static Object read(Path file) {
        try {
            return JoblibFile.read(file, ALLOWLIST, PickleLimits.defaults());
        } catch (UnsafePickleException e) {
            throw new ModelException.LoadFailure("refused to load " + file + ": " + e.getMessage(), e);
        } catch (PickleException e) {
            throw new ModelException.LoadFailure("cannot load " + file + ": " + e.getMessage(), e);
        } catch (IOException e) {
            throw new ModelException.LoadFailure("cannot read " + file + ": " + e, e);
        } catch (OutOfMemoryError e) {
            throw new ModelException.LoadFailure("cannot load " + file + ": it needs more memory than is available", e);
        }
    }

    private Loaded require() {
        return Model.loaded(loaded, "the SKLEARN_SERVER model");
    }

    @Override
    public Payload predict(Payload input) {
        Loaded l = require();
        Estimator e = l.estimator();
        Rows rows = InputRows.of(
                input,
                e.takesText(),
                e.takesTable(),
                e.nFeaturesIn().orElse(-1),
                e.featureNamesIn().orElse(List.of()));
        return Payload.of(e.call(l.method(), rows));
    }

    @Override
    public boolean ready() {
        return loaded != null;
    }

    @Override
    public ModelMetadata metadata() {
        Loaded l = loaded;
        if (l == null) {
            return ModelMetadata.of("sklearn");
        }
        Estimator e = l.estimator();
        Map<String, Object> custom = new LinkedHashMap<>();
        custom.put("estimator", e.className());
        custom.put("estimators", e.classNames());
        custom.put("method", l.method().pythonName());
        custom.put("sklearn_version", l.version());
        custom.put("model_file", l.file().getFileName().toString());
        e.nFeaturesIn().ifPresent(n -> custom.put("n_features_in_", n));
        e.classes().ifPresent(c -> custom.put("classes_", c.asList()));
        e.featureNamesIn().ifPresent(f -> custom.put("feature_names_in_", f));
        TensorSpec in = e.takesText()
                ? new TensorSpec(Payload.DEFAULT_NAME, DataType.STRING, new long[] {-1})
                : new TensorSpec(Payload.DEFAULT_NAME, DataType.FP64, new long[] {
                    -1, e.nFeaturesIn().orElse(-1)
                });
        List<TensorSpec> outs = List.of(outputSpec(e, l.method()));
        return new ModelMetadata("sklearn", List.of(), List.of(in), outs, custom);
    }

    private static TensorSpec outputSpec(Estimator e, Method m) {
        int k = e.classes().map(c -> c.size()).orElse(-1);
        return switch (m) {
            case PREDICT ->
                new TensorSpec(m.pythonName(), e.classes().map(c -> c.type()).orElse(DataType.FP64), new long[] {-1});
            case PREDICT_PROBA -> new TensorSpec(m.pythonName(), DataType.FP64, new long[] {-1, k});
            case DECISION_FUNCTION ->
                new TensorSpec(m.pythonName(), DataType.FP64, k == 2 ? new long[] {-1} : new long[] {-1, k});
        };
    }
}
