package dev.slipway.runtime.sklearn.estimators;

import dev.slipway.model.Tensor;

/** Building output tensors and the small numeric kernels scikit-learn's outputs share. */
public final class Outputs {

    private Outputs() {}

    /** A [n, k] float64 tensor from row arrays. */
    public static Tensor matrix(double[][] rows, int k) {
        double[] flat = new double[rows.length * k];
        for (int i = 0; i < rows.length; i++) {
            System.arraycopy(rows[i], 0, flat, i * k, k);
        }
        return Tensor.ofDoubles(flat, rows.length, k);
    }

    /** A [n] float64 tensor. */
    public static Tensor vector(double[] values) {
        return Tensor.ofDoubles(values, values.length);
    }

    /** The index of the first maximum (numpy argmax; NaN counts as the maximum, as in numpy). */
    public static int argmax(double[] v) {
        int best = 0;
        for (int i = 1; i < v.length; i++) {
            if (Double.isNaN(v[best])) {
                return best;
            }
            if (v[i] > v[best] || Double.isNaN(v[i])) {
                best = i;
            }
        }
        return best;
    }

    /** sklearn.utils.extmath.softmax on one row, in place: exp(x - max) / sum. */
    public static void softmaxInPlace(double[] x) {
        double max = x[0];
        for (double v : x) {
            max = Math.max(max, v);
        }
        double sum = 0;
        for (int i = 0; i < x.length; i++) {
            x[i] = Math.exp(x[i] - max);
            sum += x[i];
        }
        for (int i = 0; i < x.length; i++) {
            x[i] /= sum;
        }
    }

    /** scipy.special.logsumexp of one row: log(sum(exp(x - max))) + max. */
    public static double logSumExp(double[] x) {
        double max = Double.NEGATIVE_INFINITY;
        for (double v : x) {
            max = Math.max(max, v);
        }
        if (Double.isInfinite(max)) {
            max = 0;
        }
        double s = 0;
        for (double v : x) {
            s += Math.exp(v - max);
        }
        return Math.log(s) + max;
    }

    /** scipy.special.expit. */
    public static double expit(double x) {
        return 1.0 / (1.0 + Math.exp(-x));
    }
}
