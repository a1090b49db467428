package dev.slipway.runtime.sklearn.tree;

import dev.slipway.model.Tensor;
import dev.slipway.runtime.sklearn.estimators.Attributes;
import dev.slipway.runtime.sklearn.estimators.Estimator;
import dev.slipway.runtime.sklearn.estimators.EstimatorRegistry;
import dev.slipway.runtime.sklearn.estimators.Labels;
import dev.slipway.runtime.sklearn.estimators.Method;
import dev.slipway.runtime.sklearn.estimators.Outputs;
import dev.slipway.runtime.sklearn.estimators.Rows;
import java.util.List;

/**
 * {@code GradientBoostingClassifier}/{@code Regressor}: raw = init raw predictions ('zero', or from the
 * init estimator: log-odds for binomial deviance, half log-odds for the exponential loss, log
 * probabilities for multinomial, predictions for regression) plus learning_rate times each stage's tree
 * value, stage after stage; probabilities by expit (binomial), expit(2 raw) (exponential) or
 * exp(raw - logsumexp(raw)) (multinomial). Immutable.
 */
public final class GradientBoosting extends BoostedTrees {

    private static final double EPS32 = Math.ulp(1.0f);

    private enum Loss {
        BINOMIAL,
        MULTINOMIAL,
        EXPONENTIAL,
        REGRESSION
    }

    private final Loss loss;
    private final TreeModel[][] stages;
    private final int k;
    private final double learningRate;
    private final Estimator init;

    private GradientBoosting(Attributes a, Loss loss, TreeModel[][] stages, int k, Estimator init, Labels classes) {
        super(a, stages[0][0].features(), classes);
        this.loss = loss;
        this.stages = stages;
        this.k = k;
        this.learningRate = a.number("learning_rate");
        this.init = init;
    }

    /** Registers the classes of this family. */
    public static void register(EstimatorRegistry.Builder b) {
        b.estimator(a -> create(a, true), "GradientBoostingClassifier");
        b.estimator(a -> create(a, false), "GradientBoostingRegressor");
        Losses.register(b);
    }

    private static Estimator create(Attributes a, boolean classifier) {
        var est = a.array("estimators_");
        if (est.ndim() != 2 || est.size() == 0) {
            throw a.invalid("estimators_", "an array [n_stages, K] of trees");
        }
        int n = est.dim(0);
        int k = est.dim(1);
        Object[] objs = est.toObjects();
        TreeModel[][] stages = new TreeModel[n][k];
        for (int i = 0; i < n; i++) {
            for (int c = 0; c < k; c++) {
                stages[i][c] = TreeModel.of(a.nested(objs[i * k + c], "estimators_[" + i + ", " + c + "]"));
            }
        }
        Labels labels = classifier ? a.labels() : null;
        Loss loss;
        if (!classifier) {
            loss = Loss.REGRESSION;
        } else if ("exponential".equals(a.getOrNull("loss"))) {
            loss = Loss.EXPONENTIAL;
        } else {
            loss = k == 1 ? Loss.BINOMIAL : Loss.MULTINOMIAL;
        }
        if (classifier && k != (labels.size() == 2 ? 1 : labels.size())) {
            throw a.invalid("estimators_", (labels.size() == 2 ? 1 : labels.size()) + " trees per stage");
        }
        Object initObj = a.getOrNull("init_");
        Estimator init = initObj == null || "zero".equals(initObj) ? null : a.convert(initObj, "init_");
        if (init != null && classifier && !init.methods().contains(Method.PREDICT_PROBA)) {
            throw a.invalid("init_", "an estimator with predict_proba");
        }
        return new GradientBoosting(a, loss, stages, k, init, labels);
    }

    @Override
    public List<String> classNames() {
        return init == null ? List.of(className) : List.of(className, init.className());
    }

    @Override
    int margins() {
        return k;
    }

    @Override
    double[][] raw(Rows x) {
        float[] xf = Forest.float32(x, features, className);
        int n = x.count();
        double[][] raw = initRaw(x, n);
        for (TreeModel[] stage : stages) {
            for (int c = 0; c < k; c++) {
                TreeModel t = stage[c];
                for (int i = 0; i < n; i++) {
                    raw[i][c] += learningRate * t.value(t.leaf(xf, i), 0, 0);
                }
            }
        }
        return raw;
    }

    private double[][] initRaw(Rows x, int n) {
        double[][] raw = new double[n][k];
        if (init == null) {
            return raw;
        }
        if (loss == Loss.REGRESSION) {
            double[] p = init.predict(x).toDoubles();
            for (int i = 0; i < n; i++) {
                raw[i][0] = p[i];
            }
            return raw;
        }
        double[] p = init.predictProba(x).toDoubles();
        int cols = p.length / Math.max(n, 1);
        for (int i = 0; i < n; i++) {
            if (loss == Loss.MULTINOMIAL) {
                for (int c = 0; c < k; c++) {
                    raw[i][c] = Math.log(clip(p[i * cols + c]));
                }
            } else {
                double pos = clip(p[i * cols + 1]);
                double logit = Math.log(pos / (1 - pos));
                raw[i][0] = loss == Loss.EXPONENTIAL ? 0.5 * logit : logit;
            }
        }
        return raw;
    }

    private static double clip(double p) {
        return Math.min(Math.max(p, EPS32), 1 - EPS32);
    }

    @Override
    double[][] proba(double[][] raw) {
        double[][] out = new double[raw.length][];
        for (int i = 0; i < raw.length; i++) {
            if (loss == Loss.MULTINOMIAL) {
                double lse = Outputs.logSumExp(raw[i]);
                out[i] = new double[k];
                for (int c = 0; c < k; c++) {
                    double v = Math.exp(raw[i][c] - lse);
                    out[i][c] = Double.isNaN(v) ? 0.0 : v;
                }
            } else {
                double p = Outputs.expit(loss == Loss.EXPONENTIAL ? 2.0 * raw[i][0] : raw[i][0]);
                out[i] = new double[] {1 - p, p};
            }
        }
        return out;
    }

    @Override
    public Tensor predict(Rows x) {
        double[][] raw = raw(x);
        if (classes == null) {
            return Outputs.vector(column(raw));
        }
        if (loss == Loss.MULTINOMIAL) {
            return classes.takeArgmax(raw);
        }
        if (loss != Loss.EXPONENTIAL) {
            return classes.takeArgmax(proba(raw));
        }
        int[] idx = new int[raw.length];
        for (int i = 0; i < raw.length; i++) {
            idx[i] = raw[i][0] >= 0 ? 1 : 0;
        }
        return classes.take(idx);
    }
}
