package dev.slipway.runtime.sklearn.neighbors;

import dev.slipway.model.ModelException;
import dev.slipway.model.Tensor;
import dev.slipway.runtime.sklearn.estimators.Attributes;
import dev.slipway.runtime.sklearn.estimators.DenseRows;
import dev.slipway.runtime.sklearn.estimators.Estimator;
import dev.slipway.runtime.sklearn.estimators.EstimatorRegistry;
import dev.slipway.runtime.sklearn.estimators.Fitted;
import dev.slipway.runtime.sklearn.estimators.Labels;
import dev.slipway.runtime.sklearn.estimators.Matrices;
import dev.slipway.runtime.sklearn.estimators.Method;
import dev.slipway.runtime.sklearn.estimators.Methods;
import dev.slipway.runtime.sklearn.estimators.Outputs;
import dev.slipway.runtime.sklearn.estimators.Rows;
import java.util.Set;

/**
 * {@code KNeighborsClassifier} and {@code KNeighborsRegressor}, answered by brute force over
 * {@code _fit_X} whatever index was fitted ({@code _tree} is never read). The k nearest are the smallest
 * distances, chosen among equal distances as scikit-learn's brute-force search does ({@link Heap}).
 * Weights {@code uniform} or {@code distance} (a zero distance gives weight 1 to the exact matches and 0
 * to the others); the vote is scikit-learn's mode/weighted mode (ties to the smallest class), the
 * probabilities the normalised per-class weight sums, the regression the (weighted) mean. Immutable.
 */
public final class Neighbors extends Fitted {

    private final Metric metric;
    private final int k;
    private final boolean distanceWeights;
    private final int samples;
    private final double[] fitX;
    private final int[] classIndex;
    private final double[] targets;
    private final int outputs;
    private final boolean targets2d;

    private Neighbors(
            Attributes a,
            Matrices.Dense fit,
            int[] classIndex,
            Labels classes,
            double[] targets,
            int outputs,
            boolean targets2d) {
        super(a, fit.cols(), classes);
        this.metric = Metric.of(a);
        long n = a.integer("n_neighbors", 5);
        if (n < 1 || n > fit.rows()) {
            throw a.invalid("n_neighbors", "between 1 and the " + fit.rows() + " fitted samples");
        }
        this.k = (int) n;
        Object w = a.getOrNull("weights");
        if (w != null && !"uniform".equals(w) && !"distance".equals(w)) {
            throw a.unsupported("weights", w);
        }
        this.distanceWeights = "distance".equals(w);
        this.samples = fit.rows();
        this.fitX = fit.values();
        this.classIndex = classIndex;
        this.targets = targets;
        this.outputs = outputs;
        this.targets2d = targets2d;
    }

    /** Registers the classes of this family. */
    public static void register(EstimatorRegistry.Builder b) {
        b.estimator(Neighbors::classifier, "KNeighborsClassifier");
        b.estimator(Neighbors::regressor, "KNeighborsRegressor");
        b.helper(
                "KDTree",
                "BallTree",
                "BinaryTree",
                "KDTree64",
                "BallTree64",
                "BinaryTree64",
                "newObj",
                "EuclideanDistance",
                "ManhattanDistance",
                "ChebyshevDistance",
                "MinkowskiDistance",
                "EuclideanDistance64",
                "ManhattanDistance64",
                "ChebyshevDistance64",
                "MinkowskiDistance64");
    }

    private static Matrices.Dense fitX(Attributes a) {
        if ("precomputed".equals(a.getOrNull("metric"))) {
            throw a.unsupported("metric", "precomputed");
        }
        Matrices.Dense m = Matrices.dense(a.get("_fit_X"), a.className() + "._fit_X");
        if (a.nFeaturesIn().isPresent() && a.nFeaturesIn().get() != m.cols()) {
            throw a.invalid("_fit_X", a.nFeaturesIn().get() + " columns (n_features_in_)");
        }
        return m;
    }

    private static Estimator classifier(Attributes a) {
        Matrices.Dense fit = fitX(a);
        if (a.bool("outputs_2d_", false)) {
            throw new ModelException.LoadFailure(
                    a.className() + " with several outputs (outputs_2d_=True) is not supported");
        }
        Labels labels = a.labels();
        int[] y = a.ints("_y");
        if (y.length != fit.rows()) {
            throw a.invalid("_y", fit.rows() + " class indices (one per row of _fit_X)");
        }
        for (int v : y) {
            if (v < 0 || v >= labels.size()) {
                throw a.invalid("_y", "class indices below " + labels.size());
            }
        }
        return new Neighbors(a, fit, y, labels, null, 0, false);
    }

    private static Estimator regressor(Attributes a) {
        Matrices.Dense fit = fitX(a);
        var y = a.array("_y");
        double[] t = y.toDoubles();
        int outputs = y.ndim() == 2 ? y.dim(1) : 1;
        if (y.ndim() > 2 || t.length != (long) fit.rows() * outputs) {
            throw a.invalid("_y", "an array with one row per row of _fit_X");
        }
        return new Neighbors(a, fit, null, null, t, outputs, y.ndim() == 2);
    }

    @Override
    public Set<Method> methods() {
        return classes != null ? Methods.of(Method.PREDICT, Method.PREDICT_PROBA) : Methods.of(Method.PREDICT);
    }

    /**
     * The k nearest fitted samples of one row, nearest first, selected as scikit-learn's brute-force
     * {@code ArgKmin} does on one thread: every sample pushed in training order onto a max-heap of size k
     * ({@code heap_push}: a value not below the root is dropped, so which of several equal distances stay
     * depends on the heap), then {@code simultaneous_sort}.
     */
    private void kneighbors(double[] x, int off, int[] idx, double[] dist) {
        for (int j = 0; j < features; j++) {
            if (Double.isNaN(x[off + j]) || Double.isInfinite(x[off + j])) {
                throw new ModelException.InvalidInput(
                        className + " does not accept NaN or infinite inputs (as scikit-learn)");
            }
        }
        java.util.Arrays.fill(dist, Double.POSITIVE_INFINITY);
        java.util.Arrays.fill(idx, -1);
        for (int s = 0; s < samples; s++) {
            Heap.push(dist, idx, k, metric.distance(x, off, fitX, s * features, features), s);
        }
        Heap.simultaneousSort(dist, idx, 0, k);
    }

    /** scikit-learn's {@code _get_weights}: 1/d, or for a row with zero distances 1 at those and 0 elsewhere. */
    private double[] weights(double[] dist) {
        double[] w = new double[k];
        if (!distanceWeights) {
            java.util.Arrays.fill(w, 1.0);
            return w;
        }
        boolean inf = false;
        for (int i = 0; i < k; i++) {
            w[i] = 1.0 / dist[i];
            inf |= Double.isInfinite(w[i]);
        }
        if (inf) {
            for (int i = 0; i < k; i++) {
                w[i] = Double.isInfinite(w[i]) ? 1.0 : 0.0;
            }
        }
        return w;
    }

    private DenseRows rows(Rows x) {
        return x.toDense(features, className);
    }

    @Override
    public Tensor predict(Rows x) {
        DenseRows d = rows(x);
        int n = d.count();
        int[] idx = new int[k];
        double[] dist = new double[k];
        if (classes != null) {
            int[] out = new int[n];
            for (int r = 0; r < n; r++) {
                kneighbors(d.values(), r * features, idx, dist);
                out[r] = mode(idx, distanceWeights ? weights(dist) : null);
            }
            return classes.take(out);
        }
        double[] out = new double[n * outputs];
        double[] column = new double[k];
        for (int r = 0; r < n; r++) {
            kneighbors(d.values(), r * features, idx, dist);
            double[] w = weights(dist);
            double denom = distanceWeights ? Sums.pairwise(w) : 0;
            for (int o = 0; o < outputs; o++) {
                for (int i = 0; i < k; i++) {
                    column[i] = targets[idx[i] * outputs + o] * (distanceWeights ? w[i] : 1);
                }
                if (distanceWeights) {
                    out[r * outputs + o] = Sums.pairwise(column) / denom;
                } else {
                    out[r * outputs + o] = (targets2d ? Sums.sequential(column) : Sums.pairwise(column)) / k;
                }
            }
        }
        return targets2d ? Tensor.ofDoubles(out, n, outputs) : Outputs.vector(out);
    }

    /** scipy's mode (uniform) or scikit-learn's weighted_mode: the class of greatest weight, ties to the smallest. */
    private int mode(int[] idx, double[] w) {
        int best = 0;
        double bestCount = 0;
        double[] template = new double[k];
        for (int c = 0; c < classes.size(); c++) {
            boolean any = false;
            for (int i = 0; i < k; i++) {
                boolean match = classIndex[idx[i]] == c;
                any |= match;
                template[i] = match ? (w == null ? 1.0 : w[i]) : 0.0;
            }
            if (!any) {
                continue;
            }
            double count = w == null ? countOf(template) : Sums.pairwise(template);
            if (count > bestCount) {
                best = c;
                bestCount = count;
            }
        }
        return best;
    }

    private static double countOf(double[] ones) {
        double c = 0;
        for (double v : ones) {
            c += v;
        }
        return c;
    }

    @Override
    public Tensor predictProba(Rows x) {
        if (classes == null) {
            throw unsupported(Method.PREDICT_PROBA);
        }
        DenseRows d = rows(x);
        int n = d.count();
        int nc = classes.size();
        int[] idx = new int[k];
        double[] dist = new double[k];
        double[][] out = new double[n][];
        for (int r = 0; r < n; r++) {
            kneighbors(d.values(), r * features, idx, dist);
            double[] w = weights(dist);
            double[] p = new double[nc];
            for (int i = 0; i < k; i++) {
                p[classIndex[idx[i]]] += w[i];
            }
            double norm = Sums.pairwise(p);
            if (norm == 0.0) {
                norm = 1.0;
            }
            for (int c = 0; c < nc; c++) {
                p[c] /= norm;
            }
            out[r] = p;
        }
        return Outputs.matrix(out, nc);
    }
}
