package dev.slipway.runtime.sklearn.tree;

import dev.slipway.model.ModelException;
import dev.slipway.model.Tensor;
import dev.slipway.runtime.sklearn.estimators.Attributes;
import dev.slipway.runtime.sklearn.estimators.DenseRows;
import dev.slipway.runtime.sklearn.estimators.Estimator;
import dev.slipway.runtime.sklearn.estimators.EstimatorRegistry;
import dev.slipway.runtime.sklearn.estimators.Fitted;
import dev.slipway.runtime.sklearn.estimators.Labels;
import dev.slipway.runtime.sklearn.estimators.Method;
import dev.slipway.runtime.sklearn.estimators.Methods;
import dev.slipway.runtime.sklearn.estimators.Outputs;
import dev.slipway.runtime.sklearn.estimators.Rows;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Decision trees and their averages: {@code DecisionTree*}, {@code ExtraTree*}, {@code RandomForest*} and
 * {@code ExtraTrees*} (classifier and regressor). A classifier's probabilities are each tree's leaf values
 * normalised to sum 1, averaged over trees in order; predict is the argmax. Single-output only. Immutable.
 */
public final class Forest extends Fitted {

    private final List<TreeModel> trees;
    private final boolean single;

    private Forest(Attributes a, List<TreeModel> trees, Labels classes, boolean single) {
        super(a, trees.get(0).features(), classes);
        this.trees = List.copyOf(trees);
        this.single = single;
    }

    /** Registers the classes of this family. */
    public static void register(EstimatorRegistry.Builder b) {
        b.estimator(a -> single(a, true), "DecisionTreeClassifier", "ExtraTreeClassifier");
        b.estimator(a -> single(a, false), "DecisionTreeRegressor", "ExtraTreeRegressor");
        b.estimator(a -> ensemble(a, true), "RandomForestClassifier", "ExtraTreesClassifier");
        b.estimator(a -> ensemble(a, false), "RandomForestRegressor", "ExtraTreesRegressor");
        b.helper("Tree");
    }

    private static Estimator single(Attributes a, boolean classifier) {
        TreeModel t = TreeModel.of(a);
        return new Forest(a, List.of(t), classifier ? labels(a, t) : null, true);
    }

    private static Estimator ensemble(Attributes a, boolean classifier) {
        List<Object> ests = a.list("estimators_");
        if (ests.isEmpty()) {
            throw a.invalid("estimators_", "at least one tree");
        }
        List<TreeModel> trees = new ArrayList<>();
        for (int i = 0; i < ests.size(); i++) {
            Attributes t = a.nested(ests.get(i), "estimators_[" + i + "]");
            trees.add(TreeModel.of(t));
        }
        Labels labels = classifier ? labels(a, trees.get(0)) : null;
        for (TreeModel t : trees) {
            if (t.features() != trees.get(0).features()
                    || t.outputs() != trees.get(0).outputs()
                    || (classifier && t.maxClasses() < labels.size())) {
                throw a.invalid("estimators_", "trees of one shape");
            }
        }
        return new Forest(a, trees, labels, false);
    }

    private static Labels labels(Attributes a, TreeModel t) {
        if (t.outputs() != 1) {
            throw new ModelException.LoadFailure(a.className() + " with " + t.outputs() + " outputs is not supported"
                    + " (multi-output classifiers)");
        }
        Labels l = a.labels();
        if (t.maxClasses() < l.size()) {
            throw a.invalid("classes_", "at most " + t.maxClasses() + " classes (the tree's value width)");
        }
        return l;
    }

    /** X as float32, row-major, as scikit-learn's tree code reads it. */
    static float[] float32(Rows x, int features, String who) {
        DenseRows d = x.toDense(features, who);
        double[] v = d.values();
        float[] out = new float[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = (float) v[i];
        }
        return out;
    }

    @Override
    public Set<Method> methods() {
        return classes != null ? Methods.of(Method.PREDICT, Method.PREDICT_PROBA) : Methods.of(Method.PREDICT);
    }

    private double[][] probabilities(Rows x) {
        float[] xf = float32(x, features, className);
        int n = x.count();
        int k = classes.size();
        double[][] out = new double[n][k];
        double[] p = new double[k];
        for (TreeModel t : trees) {
            for (int i = 0; i < n; i++) {
                int leaf = t.leaf(xf, i);
                double sum = 0;
                for (int c = 0; c < k; c++) {
                    p[c] = t.value(leaf, 0, c);
                    sum += p[c];
                }
                if (sum == 0) {
                    sum = 1;
                }
                for (int c = 0; c < k; c++) {
                    out[i][c] += p[c] / sum;
                }
            }
        }
        if (!single) {
            for (double[] row : out) {
                for (int c = 0; c < k; c++) {
                    row[c] /= trees.size();
                }
            }
        }
        return out;
    }

    @Override
    public Tensor predictProba(Rows x) {
        if (classes == null) {
            throw unsupported(Method.PREDICT_PROBA);
        }
        return Outputs.matrix(probabilities(x), classes.size());
    }

    @Override
    public Tensor predict(Rows x) {
        if (classes != null) {
            double[][] p;
            if (single) {
                float[] xf = float32(x, features, className);
                TreeModel t = trees.get(0);
                p = new double[x.count()][classes.size()];
                for (int i = 0; i < p.length; i++) {
                    int leaf = t.leaf(xf, i);
                    for (int c = 0; c < classes.size(); c++) {
                        p[i][c] = t.value(leaf, 0, c);
                    }
                }
            } else {
                p = probabilities(x);
            }
            return classes.takeArgmax(p);
        }
        return regress(x);
    }

    private Tensor regress(Rows x) {
        float[] xf = float32(x, features, className);
        int n = x.count();
        int outs = trees.get(0).outputs();
        double[][] out = new double[n][outs];
        for (TreeModel t : trees) {
            for (int i = 0; i < n; i++) {
                int leaf = t.leaf(xf, i);
                for (int o = 0; o < outs; o++) {
                    out[i][o] += t.value(leaf, o, 0);
                }
            }
        }
        if (!single) {
            for (double[] row : out) {
                for (int o = 0; o < outs; o++) {
                    row[o] /= trees.size();
                }
            }
        }
        if (outs == 1) {
            double[] v = new double[n];
            for (int i = 0; i < n; i++) {
                v[i] = out[i][0];
            }
            return Outputs.vector(v);
        }
        return Outputs.matrix(out, outs);
    }
}
