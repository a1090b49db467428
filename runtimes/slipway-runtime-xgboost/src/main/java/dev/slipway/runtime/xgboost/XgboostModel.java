package dev.slipway.runtime.xgboost;

import dev.slipway.model.DataType;
import dev.slipway.model.Model;
import dev.slipway.model.ModelContext;
import dev.slipway.model.ModelException;
import dev.slipway.model.ModelMetadata;
import dev.slipway.model.Parameters;
import dev.slipway.model.Payload;
import dev.slipway.model.Tensor;
import dev.slipway.model.TensorSpec;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * An XGBoost tree model evaluated in pure Java.
 *
 * <p>Files: {@code model.json}, {@code model.ubj}, {@code model.bst} (first found), else the only
 * {@code *.json}/{@code *.ubj}/{@code *.bst}. Parameter {@code method} (default {@code predict}, the
 * default output of MLServer's XGBoost runtime), with the results of Python's xgboost 1.7 scikit-learn
 * interface: {@code predict} (class labels for classifiers, values for regressors),
 * {@code predict_proba} (classifiers), {@code output_margin} (raw margins incl. base_score); and
 * {@code booster}: what {@code Booster.predict(DMatrix)} returns, which Seldon's Python XGBOOST_SERVER
 * answered. The scikit-learn methods stop at the saved {@code best_iteration}, as Python does.
 * Parameter {@code missing} (default NaN): the value that means "missing".
 */
public final class XgboostModel implements Model {

    static final Set<String> METHODS = Set.of("predict", "predict_proba", "output_margin", "booster");

    private record Loaded(Booster booster, String method, int treeLimit, float missing, ModelMetadata metadata) {}

    private volatile @Nullable Loaded loaded;

    @Override
    public void load(ModelContext context) {
        Path file = BoosterFiles.find(context.requireModelDir());
        Booster booster = BoosterFiles.read(file);
        Parameters p = context.parameters();
        String method = p.getChoice("method", "predict", METHODS);
        if (method.equals("predict_proba") && !booster.objective().classifier) {
            throw new ModelException.LoadFailure("method predict_proba needs a classifier but " + file
                    + " has objective " + booster.objectiveName());
        }
        int treeLimit = booster.trees().size();
        String best = booster.attributes().get("best_iteration");
        if (best != null && !method.equals("booster")) {
            try {
                treeLimit = (int) Math.min(treeLimit, (Long.parseLong(best.trim()) + 1) * booster.treesPerIteration());
            } catch (NumberFormatException e) {
                throw new ModelException.LoadFailure(
                        "attribute best_iteration of " + file + " is '" + best + "', not a number");
            }
        }
        float missing = (float) p.getDouble("missing", Double.NaN);
        loaded = new Loaded(booster, method, treeLimit, missing, metadata(file, booster, method, treeLimit));
    }

    private static ModelMetadata metadata(Path file, Booster b, String method, int treeLimit) {
        int k = outputWidth(b, method);
        TensorSpec out = new TensorSpec(method, outputType(b, method), k == 0 ? new long[] {-1} : new long[] {-1, k});
        Map<String, Object> custom = new LinkedHashMap<>();
        custom.put("file", file.getFileName().toString());
        custom.put("format", b.format());
        custom.put("objective", b.objectiveName());
        custom.put("num_feature", b.numFeature());
        custom.put("num_class", b.numGroup());
        custom.put("num_trees", b.trees().size());
        custom.put("trees_used", treeLimit);
        custom.put("method", method);
        if (!b.featureNames().isEmpty()) {
            custom.put("feature_names", b.featureNames());
        }
        return new ModelMetadata(
                "xgboost",
                List.of(),
                List.of(new TensorSpec(Payload.DEFAULT_NAME, DataType.FP32, new long[] {-1, b.numFeature()})),
                List.of(out),
                custom);
    }

    /** Columns of the output, or 0 for one value per row. */
    private static int outputWidth(Booster b, String method) {
        boolean multi = b.numGroup() > 1;
        return switch (method) {
            case "predict" -> 0;
            case "predict_proba" -> multi ? b.numGroup() : 2;
            case "output_margin" -> multi ? b.numGroup() : 0;
            default -> b.objective() == Objective.MULTI_SOFTPROB ? b.numGroup() : 0;
        };
    }

    private static DataType outputType(Booster b, String method) {
        return method.equals("predict") && b.objective().classifier ? DataType.INT64 : DataType.FP32;
    }

    private Loaded state() {
        return Model.loaded(loaded, "the XGBoost model");
    }

    @Override
    public Payload predict(Payload input) {
        Loaded l = state();
        Booster b = l.booster();
        Tensor t = input.tensor();
        if (!t.type().isNumeric() && t.type() != DataType.BOOL) {
            throw new ModelException.InvalidInput(
                    "XGBOOST_SERVER expects numbers but the request holds " + t.describeType());
        }
        int f = b.numFeature();
        if (!(t.rank() == 2 && t.dim(1) == f) && !(t.rank() == 1 && t.dim(0) == f)) {
            throw new ModelException.InvalidInput("the model expects rows of " + f + " features (shape [-1, " + f
                    + "]) but the request holds " + t.describeType());
        }
        int n = t.rank() == 2 ? (int) t.dim(0) : 1;
        float[] x = new float[t.size()];
        for (int i = 0; i < x.length; i++) {
            float v = (float) t.getDouble(i);
            x[i] = v == l.missing() ? Float.NaN : v;
        }
        float[] margins = b.margins(x, n, l.treeLimit());
        Tensor out = output(b, l.method(), margins, n);
        boolean v1 = input.tensors().size() == 1 && input.tensors().containsKey(Payload.DEFAULT_NAME);
        return v1 ? Payload.of(out) : Payload.ofTensors(Map.of(l.method(), out));
    }

    private static Tensor output(Booster b, String method, float[] m, int n) {
        int g = b.numGroup();
        Objective obj = b.objective();
        switch (method) {
            case "output_margin" -> {
                return g > 1 ? Tensor.ofFloats(m, n, g) : Tensor.ofFloats(m, n);
            }
            case "booster" -> {
                float[] v = obj.transform(m, n, g);
                return v.length == n ? Tensor.ofFloats(v, n) : Tensor.ofFloats(v, n, g);
            }
            case "predict_proba" -> {
                if (g > 1) {
                    return Tensor.ofFloats(Objective.softmax(m, n, g), n, g); // softprob, and softmax's margins
                }
                float[] p = obj.transform(m, n, 1);
                float[] out = new float[2 * n];
                for (int r = 0; r < n; r++) {
                    out[2 * r] = 1.0f - p[r];
                    out[2 * r + 1] = p[r];
                }
                return Tensor.ofFloats(out, n, 2);
            }
            default -> {
                if (!obj.classifier) {
                    return Tensor.ofFloats(obj.transform(m, n, g), n);
                }
                long[] labels = new long[n];
                if (g > 1) {
                    // As Python: softmax's label is the argmax of margins; softprob's the argmax of probabilities.
                    float[] scores = obj == Objective.MULTI_SOFTMAX ? m : Objective.softmax(m, n, g);
                    for (int r = 0; r < n; r++) {
                        labels[r] = Objective.argmax(scores, r * g, g);
                    }
                } else {
                    float[] p = obj.transform(m, n, 1);
                    for (int r = 0; r < n; r++) {
                        labels[r] = p[r] > 0.5f ? 1 : 0;
                    }
                }
                return Tensor.ofLongs(labels, n);
            }
        }
    }

    @Override
    public ModelMetadata metadata() {
        return state().metadata();
    }

    @Override
    public boolean ready() {
        return loaded != null;
    }
}
