package dev.slipway.runtime.sklearn.tree;

import dev.slipway.runtime.sklearn.estimators.Attributes;
import dev.slipway.runtime.sklearn.pickle.NdArray;
import dev.slipway.runtime.sklearn.pickle.PyObjects;

/**
 * A fitted {@code sklearn.tree._tree.Tree}: node arrays read from the structured {@code nodes} array by
 * field name (so layouts with and without {@code missing_go_to_left} both load) and leaf values.
 * Traversal compares the float32 input with the float64 threshold, as scikit-learn does. Immutable.
 */
final class TreeModel {

    static final int LEAF = -1;

    private final int[] left;
    private final int[] right;
    private final int[] feature;
    private final double[] threshold;
    private final boolean[] missingLeft;
    private final double[] values;
    private final int stride;
    private final int outputs;
    private final int maxClasses;
    private final int features;

    private TreeModel(
            int[] left,
            int[] right,
            int[] feature,
            double[] threshold,
            boolean[] missingLeft,
            double[] values,
            int outputs,
            int maxClasses,
            int features) {
        this.left = left;
        this.right = right;
        this.feature = feature;
        this.threshold = threshold;
        this.missingLeft = missingLeft;
        this.values = values;
        this.outputs = outputs;
        this.maxClasses = maxClasses;
        this.stride = outputs * maxClasses;
        this.features = features;
    }

    /** The tree in an estimator's {@code tree_} attribute. */
    static TreeModel of(Attributes est) {
        Attributes t = est.nested(est.get("tree_"), "tree_");
        var args = t.instance().args();
        if (args.size() < 3) {
            throw t.invalid("__reduce__ args", "(n_features, n_classes, n_outputs)");
        }
        int nFeatures = (int) PyObjects.toLong(args.get(0), "Tree n_features");
        int nOutputs = (int) PyObjects.toLong(args.get(2), "Tree n_outputs");
        NdArray nodes = t.array("nodes");
        NdArray vals = t.array("values");
        int count = nodes.size();
        for (String f : new String[] {"left_child", "right_child", "feature", "threshold"}) {
            if (!nodes.hasField(f)) {
                throw new dev.slipway.model.ModelException.LoadFailure(
                        est.className() + ".tree_.nodes has no field '" + f + "' (fields: "
                                + nodes.dtype().fields().keySet() + "; written by scikit-learn " + est.version() + ")");
            }
        }
        int[] left = nodes.field("left_child").toInts();
        int[] right = nodes.field("right_child").toInts();
        int[] feature = nodes.field("feature").toInts();
        double[] threshold = nodes.field("threshold").toDoubles();
        boolean[] missing = null;
        if (nodes.hasField("missing_go_to_left")) {
            long[] m = nodes.field("missing_go_to_left").toLongs();
            missing = new boolean[count];
            for (int i = 0; i < count; i++) {
                missing[i] = m[i] != 0;
            }
        }
        if (vals.ndim() != 3 || vals.dim(0) != count || vals.dim(1) != nOutputs) {
            throw t.invalid("values", "an array [node_count, n_outputs, max_n_classes]");
        }
        for (int i = 0; i < count; i++) {
            boolean leaf = left[i] == LEAF;
            if (!leaf
                    && (left[i] <= i
                            || left[i] >= count
                            || right[i] <= i
                            || right[i] >= count
                            || feature[i] < 0
                            || feature[i] >= nFeatures)) {
                throw t.invalid("nodes", "children after their parent and features below n_features (node " + i + ")");
            }
        }
        return new TreeModel(
                left, right, feature, threshold, missing, vals.toDoubles(), nOutputs, vals.dim(2), nFeatures);
    }

    int features() {
        return features;
    }

    int outputs() {
        return outputs;
    }

    int maxClasses() {
        return maxClasses;
    }

    /** The leaf reached by row {@code row} of float32 inputs {@code x} (width {@link #features()}). */
    int leaf(float[] x, int row) {
        int base = row * features;
        int node = 0;
        while (left[node] != LEAF) {
            float v = x[base + feature[node]];
            if (Float.isNaN(v) && missingLeft != null) {
                node = missingLeft[node] ? left[node] : right[node];
            } else {
                node = (double) v <= threshold[node] ? left[node] : right[node];
            }
        }
        return node;
    }

    /** The value of output {@code o}, class {@code c} at {@code node}. */
    double value(int node, int o, int c) {
        return values[node * stride + o * maxClasses + c];
    }
}
