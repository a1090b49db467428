package dev.slipway.runtime.sklearn.tree;

import dev.slipway.model.ModelException;
import dev.slipway.runtime.sklearn.estimators.Attributes;
import dev.slipway.runtime.sklearn.pickle.NdArray;

/**
 * One {@code TreePredictor} of a histogram gradient boosting model: the structured {@code nodes} array
 * read by field name ({@code value}, {@code feature_idx}, {@code num_threshold} — {@code threshold} before
 * 0.24 —, {@code left},
 * {@code right}, {@code is_leaf}, and when present {@code missing_go_to_left}, {@code is_categorical},
 * {@code bitset_idx}) and {@code raw_left_cat_bitsets}. Prediction is {@code _predict_from_raw_data}:
 * NaN follows {@code missing_go_to_left}; a numeric split sends {@code x <= num_threshold} (float64) left;
 * a categorical split sends categories in the node's bitset left, other known categories right, and
 * unknown or negative categories the missing-value way. Immutable.
 */
final class HistTree {

    private final double[] value;
    private final int[] feature;
    private final double[] threshold;
    private final boolean[] missingLeft;
    private final int[] left;
    private final int[] right;
    private final boolean[] leaf;
    private final boolean[] categorical;
    private final int[] bitsetIdx;
    private final int[] leftCatBitsets;

    private HistTree(
            double[] value,
            int[] feature,
            double[] threshold,
            boolean[] missingLeft,
            int[] left,
            int[] right,
            boolean[] leaf,
            boolean[] categorical,
            int[] bitsetIdx,
            int[] leftCatBitsets) {
        this.value = value;
        this.feature = feature;
        this.threshold = threshold;
        this.missingLeft = missingLeft;
        this.left = left;
        this.right = right;
        this.leaf = leaf;
        this.categorical = categorical;
        this.bitsetIdx = bitsetIdx;
        this.leftCatBitsets = leftCatBitsets;
    }

    static HistTree of(Attributes est, Object predictor, String where, int nFeatures) {
        Attributes p = est.nested(predictor, where);
        NdArray nodes = p.array("nodes");
        // scikit-learn 0.21-0.23 called the raw threshold 'threshold'; 0.24+ 'num_threshold'.
        String thresholdField =
                nodes.hasField("num_threshold") || !nodes.hasField("threshold") ? "num_threshold" : "threshold";
        String[] required = {"value", "feature_idx", thresholdField, "left", "right", "is_leaf"};
        for (String f : required) {
            if (!nodes.hasField(f)) {
                throw new ModelException.LoadFailure(
                        est.className() + "." + where + ".nodes has no field '" + f + "' (fields: "
                                + nodes.dtype().fields().keySet() + "; written by scikit-learn " + est.version() + ")");
            }
        }
        int n = nodes.size();
        double[] value = nodes.field("value").toDoubles();
        int[] feature = ints(nodes.field("feature_idx").toLongs());
        double[] threshold = nodes.field(thresholdField).toDoubles();
        int[] left = ints(nodes.field("left").toLongs());
        int[] right = ints(nodes.field("right").toLongs());
        boolean[] leaf = bools(nodes.field("is_leaf").toLongs());
        boolean[] missing = nodes.hasField("missing_go_to_left")
                ? bools(nodes.field("missing_go_to_left").toLongs())
                : new boolean[n];
        boolean[] categorical = nodes.hasField("is_categorical")
                ? bools(nodes.field("is_categorical").toLongs())
                : new boolean[n];
        int[] bitsetIdx =
                nodes.hasField("bitset_idx") ? ints(nodes.field("bitset_idx").toLongs()) : new int[n];
        int[] bitsets = new int[0];
        boolean anyCategorical = false;
        for (boolean c : categorical) {
            anyCategorical |= c;
        }
        if (anyCategorical) {
            if (!p.present("raw_left_cat_bitsets")) {
                throw p.missing("raw_left_cat_bitsets");
            }
            NdArray b = p.array("raw_left_cat_bitsets");
            if (b.ndim() != 2 || b.dim(1) != 8) {
                throw p.invalid("raw_left_cat_bitsets", "an array [n_categorical_splits, 8]");
            }
            bitsets = ints(b.toLongs());
        }
        if (n == 0) {
            throw p.invalid("nodes", "at least one node");
        }
        for (int i = 0; i < n; i++) {
            if (leaf[i]) {
                continue;
            }
            if (left[i] <= i
                    || left[i] >= n
                    || right[i] <= i
                    || right[i] >= n
                    || feature[i] < 0
                    || feature[i] >= nFeatures
                    || (categorical[i] && (bitsetIdx[i] < 0 || (long) bitsetIdx[i] * 8 >= bitsets.length))) {
                throw p.invalid(
                        "nodes",
                        "children after their parent, features below " + nFeatures + " and bitsets in range (node " + i
                                + ")");
            }
        }
        return new HistTree(value, feature, threshold, missing, left, right, leaf, categorical, bitsetIdx, bitsets);
    }

    private static int[] ints(long[] v) {
        int[] out = new int[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = (int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, v[i]));
        }
        return out;
    }

    private static boolean[] bools(long[] v) {
        boolean[] out = new boolean[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = v[i] != 0;
        }
        return out;
    }

    boolean hasCategoricalSplits() {
        return leftCatBitsets.length > 0;
    }

    static boolean inBitset(int[] bitsets, int row, int v) {
        return ((bitsets[row * 8 + (v >>> 5)] >>> (v & 31)) & 1) != 0;
    }

    /**
     * The leaf value for row {@code x} (from {@code off}); {@code known} holds the known-category bitsets
     * of the categorical features and {@code knownRow} maps a feature to its row there.
     */
    double predict(double[] x, int off, int[] known, int[] knownRow) {
        int node = 0;
        while (!leaf[node]) {
            double v = x[off + feature[node]];
            if (Double.isNaN(v)) {
                node = missingLeft[node] ? left[node] : right[node];
            } else if (categorical[node]) {
                int c = v < 0 || v >= 256 ? -1 : (int) v;
                if (c < 0) {
                    node = missingLeft[node] ? left[node] : right[node];
                } else if (inBitset(leftCatBitsets, bitsetIdx[node], c)) {
                    node = left[node];
                } else if (knownRow[feature[node]] >= 0 && inBitset(known, knownRow[feature[node]], c)) {
                    node = right[node];
                } else {
                    node = missingLeft[node] ? left[node] : right[node];
                }
            } else {
                node = v <= threshold[node] ? left[node] : right[node];
            }
        }
        return value[node];
    }
}
