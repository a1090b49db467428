package dev.slipway.runtime.sklearn.preprocessing;

import dev.slipway.model.ModelException;
import dev.slipway.runtime.sklearn.estimators.Attributes;
import dev.slipway.runtime.sklearn.estimators.Estimator;
import dev.slipway.runtime.sklearn.estimators.EstimatorRegistry;
import dev.slipway.runtime.sklearn.estimators.Rows;
import dev.slipway.runtime.sklearn.estimators.SparseRows;
import dev.slipway.runtime.sklearn.estimators.TableRows;
import dev.slipway.runtime.sklearn.estimators.Transformer;
import dev.slipway.runtime.sklearn.pickle.NdArray;

/**
 * {@code SimpleImputer} as scikit-learn 1.2 transforms dense input: the missing mask ({@code missing_values}
 * NaN, a number, a string or None) is taken first; columns whose statistic is NaN are dropped (unless
 * {@code strategy='constant'} or {@code keep_empty_features}); missing cells get {@code statistics_}; with
 * {@code add_indicator} the {@code MissingIndicator}'s columns ({@code features_}, {@code error_on_new})
 * follow as 0/1. Among text cells a NaN marker is a missing cell, the text {@code nan} or {@code None}
 * (JSON has no NaN, and a null among strings arrives as {@code None}). Numeric statistics give numbers; object statistics (most_frequent/constant on text)
 * give a table of cells. Sparse input is refused. Immutable.
 */
public final class SimpleImputer extends Transformer {

    private final Object[] statistics;
    private final boolean numeric;
    private final Object missing;
    private final int[] kept;
    private final int[] indicatorFeatures;
    private final boolean errorOnNew;

    private SimpleImputer(
            Attributes a,
            Object[] statistics,
            boolean numeric,
            Object missing,
            int[] kept,
            int[] indicatorFeatures,
            boolean errorOnNew) {
        super(a, statistics.length, Reads.TABLE);
        this.statistics = statistics;
        this.numeric = numeric;
        this.missing = missing;
        this.kept = kept;
        this.indicatorFeatures = indicatorFeatures;
        this.errorOnNew = errorOnNew;
    }

    /** Registers the class. */
    public static void register(EstimatorRegistry.Builder b) {
        b.estimator(SimpleImputer::create, "SimpleImputer");
        b.helper("MissingIndicator");
    }

    private static Estimator create(Attributes a) {
        NdArray stats = a.array("statistics_");
        boolean numeric = stats.dtype().kind() != 'O'
                && stats.dtype().kind() != 'U'
                && stats.dtype().kind() != 'S';
        Object[] s = stats.toObjects();
        Object missing = a.get("missing_values");
        if (missing != null && !(missing instanceof Number) && !(missing instanceof String)) {
            throw a.unsupported("missing_values", missing);
        }
        boolean keepAll = "constant".equals(a.string("strategy", "mean")) || a.bool("keep_empty_features", false);
        int[] kept = new int[s.length];
        int n = 0;
        for (int j = 0; j < s.length; j++) {
            if (keepAll || !(s[j] instanceof Number num && Double.isNaN(num.doubleValue()))) {
                kept[n++] = j;
            }
        }
        kept = java.util.Arrays.copyOf(kept, n);
        int[] indicator = null;
        boolean errorOnNew = false;
        if (a.bool("add_indicator", false)) {
            Attributes ind = a.nested(a.get("indicator_"), "indicator_");
            indicator = ind.ints("features_");
            for (int f : indicator) {
                if (f < 0 || f >= s.length) {
                    throw ind.invalid("features_", "feature indices below " + s.length);
                }
            }
            errorOnNew =
                    ind.bool("error_on_new", true) && "missing-only".equals(ind.string("features", "missing-only"));
        }
        if (a.nFeaturesIn().isPresent() && a.nFeaturesIn().get() != s.length) {
            throw a.invalid("statistics_", a.nFeaturesIn().get() + " values (n_features_in_)");
        }
        return new SimpleImputer(a, s, numeric, missing, kept, indicator, errorOnNew);
    }

    private boolean isMissing(Object cell) {
        if (missing instanceof Number m && Double.isNaN(m.doubleValue())) {
            if (numeric) {
                return Double.isNaN(TableRows.parse(cell));
            }
            return cell == null
                    || (cell instanceof Double d && d.isNaN())
                    || (cell instanceof String s && TableRows.isNanText(s));
        }
        if (missing == null) {
            return cell == null || "None".equals(cell);
        }
        if (missing instanceof String m) {
            return m.equals(cell);
        }
        double m = ((Number) missing).doubleValue();
        return cell instanceof Number num && num.doubleValue() == m;
    }

    @Override
    public Rows transform(Rows x) {
        if (x instanceof SparseRows) {
            throw new ModelException.InvalidInput(className + ": sparse input is not supported by SKLEARN_SERVER");
        }
        TableRows t = TableRows.of(x);
        if (t.width() != features) {
            throw new ModelException.InvalidInput(className + " expects " + features + " features per row but got "
                    + t.width() + " (" + x.describe() + ")");
        }
        if (numeric) {
            t = TableRows.of(t.toNumbers(className));
        }
        int n = t.count();
        int extra = indicatorFeatures == null ? 0 : indicatorFeatures.length;
        int outWidth = kept.length + extra;
        Object[] out = new Object[n * outWidth];
        boolean[] newMissing = new boolean[features];
        for (int r = 0; r < n; r++) {
            for (int k = 0; k < kept.length; k++) {
                Object cell = t.get(r, kept[k]);
                out[r * outWidth + k] = isMissing(cell) ? statistics[kept[k]] : cell;
            }
            for (int j = 0; j < features; j++) {
                newMissing[j] |= isMissing(t.get(r, j));
            }
            for (int k = 0; k < extra; k++) {
                out[r * outWidth + kept.length + k] = isMissing(t.get(r, indicatorFeatures[k])) ? 1.0 : 0.0;
            }
        }
        if (errorOnNew) {
            for (int f : indicatorFeatures) {
                newMissing[f] = false;
            }
            for (int j = 0; j < features; j++) {
                if (newMissing[j]) {
                    throw new ModelException.InvalidInput(className + ": feature " + j
                            + " has missing values in transform but had none in fit (MissingIndicator error_on_new)");
                }
            }
        }
        TableRows result = new TableRows(n, outWidth, out);
        return numeric ? result.toNumbers(className) : result;
    }
}
