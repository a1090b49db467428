package dev.slipway.runtime.sklearn.tree;

import dev.slipway.model.Tensor;
import dev.slipway.runtime.sklearn.estimators.Attributes;
import dev.slipway.runtime.sklearn.estimators.DenseRows;
import dev.slipway.runtime.sklearn.estimators.Estimator;
import dev.slipway.runtime.sklearn.estimators.EstimatorRegistry;
import dev.slipway.runtime.sklearn.estimators.Labels;
import dev.slipway.runtime.sklearn.estimators.Outputs;
import dev.slipway.runtime.sklearn.estimators.Rows;
import dev.slipway.runtime.sklearn.pickle.NdArray;
import java.util.List;

/**
 * {@code HistGradientBoostingClassifier} and {@code HistGradientBoostingRegressor}: raw predictions are
 * {@code _baseline_prediction} plus, iteration after iteration, each {@link HistTree}'s leaf value (the
 * learning rate is already in the leaves), on float64 inputs. The link comes from the {@code loss}
 * parameter (the pickled {@code _loss}/{@code loss_} objects, which differ across versions, are allowed but
 * never read): log-loss classifiers use expit (one tree per iteration) or softmax; squared, absolute and
 * quantile regressors the identity; poisson and gamma exp. A {@code _preprocessor} (scikit-learn 1.4+
 * encoding pandas categorical columns itself) is converted and applied first. Immutable.
 */
public final class HistGradientBoosting extends BoostedTrees {

    private enum Link {
        IDENTITY,
        EXP,
        LOGIT,
        SOFTMAX
    }

    private final int perIteration;
    private final double[] baseline;
    private final HistTree[][] trees;
    private final int[] known;
    private final int[] knownRow;
    private final Link link;
    private final Estimator preprocessor;

    private HistGradientBoosting(
            Attributes a,
            int features,
            double[] baseline,
            HistTree[][] trees,
            int[] known,
            int[] knownRow,
            Link link,
            Labels classes,
            Estimator preprocessor) {
        super(a, features, classes);
        this.perIteration = baseline.length;
        this.baseline = baseline;
        this.trees = trees;
        this.known = known;
        this.knownRow = knownRow;
        this.link = link;
        this.preprocessor = preprocessor;
    }

    /** Registers the classes of this family. */
    public static void register(EstimatorRegistry.Builder b) {
        b.estimator(a -> create(a, true), "HistGradientBoostingClassifier");
        b.estimator(a -> create(a, false), "HistGradientBoostingRegressor");
        b.helper("TreePredictor", "_BinMapper");
        Losses.register(b);
    }

    private static Link link(Attributes a, boolean classifier, int perIteration) {
        Object loss = a.get("loss");
        String name = loss instanceof String s ? s : "";
        if (classifier
                && List.of("log_loss", "auto", "binary_crossentropy", "categorical_crossentropy")
                        .contains(name)) {
            return perIteration == 1 ? Link.LOGIT : Link.SOFTMAX;
        }
        if (!classifier
                && List.of("squared_error", "least_squares", "absolute_error", "least_absolute_deviation", "quantile")
                        .contains(name)) {
            return Link.IDENTITY;
        }
        if (!classifier && List.of("poisson", "gamma").contains(name)) {
            return Link.EXP;
        }
        throw a.unsupported("loss", loss);
    }

    private static Estimator create(Attributes a, boolean classifier) {
        int features = a.has("n_features_in_") ? (int) a.integer("n_features_in_") : (int) a.integer("_n_features");
        int perIteration = (int) a.integer("n_trees_per_iteration_");
        Labels labels = classifier ? a.labels() : null;
        if (perIteration < 1
                || (classifier && perIteration != (labels.size() <= 2 ? 1 : labels.size()))
                || (!classifier && perIteration != 1)) {
            throw a.invalid("n_trees_per_iteration_", "1, or the number of classes above two");
        }
        Link link = link(a, classifier, perIteration);
        double[] base = a.doubles("_baseline_prediction");
        if (base.length == 1 && perIteration > 1) {
            double v = base[0];
            base = new double[perIteration];
            java.util.Arrays.fill(base, v);
        }
        if (base.length != perIteration) {
            throw a.invalid("_baseline_prediction", perIteration + " values");
        }
        List<Object> iterations = a.list("_predictors");
        HistTree[][] trees = new HistTree[iterations.size()][];
        boolean categorical = false;
        for (int i = 0; i < trees.length; i++) {
            if (!(iterations.get(i) instanceof List<?> row) || row.size() != perIteration) {
                throw a.invalid("_predictors", "lists of " + perIteration + " TreePredictor per iteration");
            }
            trees[i] = new HistTree[perIteration];
            for (int k = 0; k < perIteration; k++) {
                trees[i][k] = HistTree.of(a, row.get(k), "_predictors[" + i + "][" + k + "]", features);
                categorical |= trees[i][k].hasCategoricalSplits();
            }
        }
        int[] knownRow = new int[features];
        java.util.Arrays.fill(knownRow, -1);
        int[] known = categorical ? knownCategories(a, features, knownRow) : new int[0];
        // scikit-learn >= 1.4 with categorical_features='from_dtype' encodes pandas categories itself first.
        Estimator pre = a.present("_preprocessor") ? a.estimator("_preprocessor") : null;
        return new HistGradientBoosting(a, features, base, trees, known, knownRow, link, labels, pre);
    }

    /** {@code _BinMapper.make_known_categories_bitsets}: per categorical feature, a bitset of its categories. */
    private static int[] knownCategories(Attributes a, int features, int[] knownRow) {
        Attributes bm = a.nested(a.get("_bin_mapper"), "_bin_mapper");
        if (!bm.present("is_categorical_")) {
            throw bm.missing("is_categorical_");
        }
        long[] isCat = bm.array("is_categorical_").toLongs();
        List<Object> thresholds = bm.list("bin_thresholds_");
        if (isCat.length != features || thresholds.size() != features) {
            throw bm.invalid("bin_thresholds_", features + " entries");
        }
        int rows = 0;
        for (int f = 0; f < features; f++) {
            if (isCat[f] != 0) {
                knownRow[f] = rows++;
            }
        }
        int[] bits = new int[rows * 8];
        for (int f = 0; f < features; f++) {
            if (isCat[f] == 0) {
                continue;
            }
            if (!(thresholds.get(f) instanceof NdArray cats)) {
                throw bm.invalid("bin_thresholds_", "arrays of known categories");
            }
            for (double c : cats.toDoubles()) {
                if (!(c >= 0 && c < 256)) {
                    throw bm.invalid("bin_thresholds_", "categories between 0 and 255");
                }
                int v = (int) c;
                bits[knownRow[f] * 8 + (v >>> 5)] |= 1 << (v & 31);
            }
        }
        return bits;
    }

    @Override
    public boolean takesTable() {
        return preprocessor != null && preprocessor.takesTable();
    }

    @Override
    public List<String> classNames() {
        if (preprocessor == null) {
            return List.of(className);
        }
        List<String> out = new java.util.ArrayList<>(List.of(className));
        out.addAll(preprocessor.classNames());
        return out;
    }

    @Override
    int margins() {
        return perIteration;
    }

    /** Raw predictions [n][trees per iteration]. */
    @Override
    double[][] raw(Rows x) {
        DenseRows d = (preprocessor == null ? x : preprocessor.transform(x)).toDense(features, className);
        int n = d.count();
        double[][] out = new double[n][];
        for (int r = 0; r < n; r++) {
            double[] acc = new double[perIteration];
            for (int k = 0; k < perIteration; k++) {
                acc[k] = 0.0 + baseline[k];
            }
            for (HistTree[] iteration : trees) {
                for (int k = 0; k < perIteration; k++) {
                    acc[k] += iteration[k].predict(d.values(), r * features, known, knownRow);
                }
            }
            out[r] = acc;
        }
        return out;
    }

    @Override
    double[][] proba(double[][] raw) {
        double[][] out = new double[raw.length][];
        for (int i = 0; i < raw.length; i++) {
            if (link == Link.LOGIT) {
                double p = Outputs.expit(raw[i][0]);
                out[i] = new double[] {1 - p, p};
            } else {
                out[i] = raw[i].clone();
                Outputs.softmaxInPlace(out[i]);
            }
        }
        return out;
    }

    @Override
    public Tensor predict(Rows x) {
        double[][] raw = raw(x);
        if (classes == null) {
            double[] out = new double[raw.length];
            for (int i = 0; i < raw.length; i++) {
                out[i] = link == Link.EXP ? Math.exp(raw[i][0]) : raw[i][0];
            }
            return Outputs.vector(out);
        }
        return classes.takeArgmax(proba(raw));
    }
}
