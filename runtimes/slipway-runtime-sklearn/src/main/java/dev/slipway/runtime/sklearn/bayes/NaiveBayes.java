package dev.slipway.runtime.sklearn.bayes;

import dev.slipway.model.Tensor;
import dev.slipway.runtime.sklearn.estimators.Attributes;
import dev.slipway.runtime.sklearn.estimators.DenseRows;
import dev.slipway.runtime.sklearn.estimators.Estimator;
import dev.slipway.runtime.sklearn.estimators.EstimatorRegistry;
import dev.slipway.runtime.sklearn.estimators.Fitted;
import dev.slipway.runtime.sklearn.estimators.Method;
import dev.slipway.runtime.sklearn.estimators.Methods;
import dev.slipway.runtime.sklearn.estimators.Outputs;
import dev.slipway.runtime.sklearn.estimators.Rows;
import dev.slipway.runtime.sklearn.estimators.SparseRows;
import java.util.Optional;
import java.util.Set;

/**
 * Naive Bayes: the joint log-likelihood of each class (per variant, below), predict = argmax,
 * predict_proba = exp(jll - logsumexp(jll)).
 * <ul>
 *   <li>{@code MultinomialNB}: X @ feature_log_prob_.T + class_log_prior_
 *   <li>{@code ComplementNB}: X @ feature_log_prob_.T (+ class_log_prior_ with a single class)
 *   <li>{@code BernoulliNB}: binarised X @ (flp - log(1 - exp(flp))).T + class_log_prior_ + sum(log(1 - exp(flp)))
 *   <li>{@code GaussianNB}: log prior - 0.5 sum(log(2 pi var)) - 0.5 sum((x - theta)^2 / var)
 * </ul>
 * Immutable.
 */
public final class NaiveBayes extends Fitted {

    private enum Kind {
        MULTINOMIAL,
        COMPLEMENT,
        BERNOULLI,
        GAUSSIAN
    }

    private final Kind kind;
    private final int k;
    private final double[] weights;
    private final double[] bias;
    private final double[] theta;
    private final double[] var;
    private final double binarize;

    private NaiveBayes(
            Kind kind,
            Attributes a,
            int features,
            double[] weights,
            double[] bias,
            double[] theta,
            double[] var,
            double binarize) {
        super(a.className(), features, a.labels(), Optional.empty());
        this.kind = kind;
        this.k = classes.size();
        this.weights = weights;
        this.bias = bias;
        this.theta = theta;
        this.var = var;
        this.binarize = binarize;
    }

    /** Registers the classes of this family. */
    public static void register(EstimatorRegistry.Builder b) {
        b.estimator(a -> discrete(a, Kind.MULTINOMIAL), "MultinomialNB");
        b.estimator(a -> discrete(a, Kind.COMPLEMENT), "ComplementNB");
        b.estimator(a -> discrete(a, Kind.BERNOULLI), "BernoulliNB");
        b.estimator(NaiveBayes::gaussian, "GaussianNB");
    }

    private static Estimator discrete(Attributes a, Kind kind) {
        double[] flp = a.doubles("feature_log_prob_");
        int k = a.labels().size();
        if (k == 0 || flp.length % k != 0) {
            throw a.invalid("feature_log_prob_", "one row per class");
        }
        int f = flp.length / k;
        double[] prior = a.doubles("class_log_prior_");
        double[] bias = new double[k];
        double[] w = flp;
        if (kind == Kind.MULTINOMIAL || (kind == Kind.COMPLEMENT && k == 1)) {
            bias = prior.clone();
        }
        double threshold = Double.NaN;
        if (kind == Kind.BERNOULLI) {
            w = new double[flp.length];
            for (int c = 0; c < k; c++) {
                double negSum = 0;
                for (int j = 0; j < f; j++) {
                    double neg = Math.log(1 - Math.exp(flp[c * f + j]));
                    w[c * f + j] = flp[c * f + j] - neg;
                    negSum += neg;
                }
                bias[c] = prior[c] + negSum;
            }
            threshold = a.present("binarize") ? a.number("binarize") : Double.NaN;
        }
        return new NaiveBayes(kind, a, f, w, bias, null, null, threshold);
    }

    private static Estimator gaussian(Attributes a) {
        double[] theta = a.doubles("theta_");
        double[] var = a.present("var_") ? a.doubles("var_") : a.doubles("sigma_");
        int k = a.labels().size();
        if (theta.length % k != 0 || var.length != theta.length) {
            throw a.invalid("theta_", "one row per class, the shape of var_");
        }
        int f = theta.length / k;
        double[] prior = a.doubles("class_prior_");
        double[] bias = new double[k];
        for (int c = 0; c < k; c++) {
            double s = 0;
            for (int j = 0; j < f; j++) {
                s += Math.log(2.0 * Math.PI * var[c * f + j]);
            }
            bias[c] = Math.log(prior[c]) + -0.5 * s;
        }
        return new NaiveBayes(Kind.GAUSSIAN, a, f, null, bias, theta, var, Double.NaN);
    }

    @Override
    public Set<Method> methods() {
        return Methods.of(Method.PREDICT, Method.PREDICT_PROBA);
    }

    private double[][] jll(Rows x) {
        Rows r = x.requireNumeric(features, className);
        int n = r.count();
        double[][] out = new double[n][k];
        if (kind == Kind.GAUSSIAN) {
            DenseRows d = r.toDense(features, className);
            for (int i = 0; i < n; i++) {
                for (int c = 0; c < k; c++) {
                    double s = 0;
                    for (int j = 0; j < features; j++) {
                        double diff = d.get(i, j) - theta[c * features + j];
                        s += diff * diff / var[c * features + j];
                    }
                    out[i][c] = bias[c] - 0.5 * s;
                }
            }
            return out;
        }
        for (int i = 0; i < n; i++) {
            int[] idx;
            double[] v;
            if (r instanceof SparseRows s) {
                idx = s.indices()[i];
                v = s.values()[i];
            } else {
                DenseRows d = (DenseRows) r;
                idx = null;
                v = d.row(i);
            }
            for (int c = 0; c < k; c++) {
                double acc = 0;
                int base = c * features;
                for (int t = 0; t < v.length; t++) {
                    double xv = v[t];
                    if (kind == Kind.BERNOULLI && !Double.isNaN(binarize)) {
                        xv = xv > binarize ? 1.0 : 0.0;
                    }
                    acc += xv * weights[base + (idx == null ? t : idx[t])];
                }
                out[i][c] = acc + bias[c];
            }
        }
        return out;
    }

    @Override
    public Tensor predict(Rows x) {
        return classes.takeArgmax(jll(x));
    }

    @Override
    public Tensor predictProba(Rows x) {
        double[][] j = jll(x);
        for (double[] row : j) {
            double lse = Outputs.logSumExp(row);
            for (int c = 0; c < row.length; c++) {
                row[c] = Math.exp(row[c] - lse);
            }
        }
        return Outputs.matrix(j, k);
    }
}
