package dev.slipway.runtime.sklearn.linear;

import dev.slipway.runtime.sklearn.estimators.Attributes;
import dev.slipway.runtime.sklearn.estimators.DenseRows;
import dev.slipway.runtime.sklearn.estimators.Matrices;
import dev.slipway.runtime.sklearn.estimators.Rows;
import dev.slipway.runtime.sklearn.estimators.SparseRows;

/**
 * {@code X @ coef_.T + intercept_} for dense or sparse rows, summing in column order as scipy's CSR
 * product does. Immutable.
 */
final class LinearKernel {

    private final int outputs;
    private final int features;
    private final double[] coef;
    private final double[] intercept;
    private final boolean coefIs1d;

    private LinearKernel(int outputs, int features, double[] coef, double[] intercept, boolean coefIs1d) {
        this.outputs = outputs;
        this.features = features;
        this.coef = coef;
        this.intercept = intercept;
        this.coefIs1d = coefIs1d;
    }

    /** The kernel of an estimator's {@code coef_} and {@code intercept_}. */
    static LinearKernel of(Attributes a) {
        Object c = a.get("coef_");
        Matrices.Dense m;
        try {
            m = Matrices.dense(c, a.className() + ".coef_");
        } catch (IllegalArgumentException e) {
            throw a.invalid("coef_", "a 1-D or 2-D array");
        }
        boolean is1d = c instanceof dev.slipway.runtime.sklearn.pickle.NdArray arr && arr.ndim() == 1;
        double[] b = a.present("intercept_") ? a.doubles("intercept_") : new double[] {0.0};
        if (b.length == 1 && m.rows() > 1) {
            double v = b[0];
            b = new double[m.rows()];
            java.util.Arrays.fill(b, v);
        }
        if (b.length != m.rows()) {
            throw a.invalid("intercept_", m.rows() + " values (one per row of coef_)");
        }
        int nIn = a.nFeaturesIn().orElse(m.cols());
        if (nIn != m.cols()) {
            throw a.invalid("coef_", nIn + " columns (n_features_in_)");
        }
        return new LinearKernel(m.rows(), m.cols(), m.values(), b, is1d);
    }

    int outputs() {
        return outputs;
    }

    int features() {
        return features;
    }

    boolean coefIs1d() {
        return coefIs1d;
    }

    /** Scores [n][outputs]. */
    double[][] scores(Rows x, String who) {
        Rows r = x.requireNumeric(features, who);
        int n = r.count();
        double[][] out = new double[n][outputs];
        if (r instanceof SparseRows s) {
            for (int i = 0; i < n; i++) {
                int[] idx = s.indices()[i];
                double[] v = s.values()[i];
                for (int c = 0; c < outputs; c++) {
                    double acc = 0;
                    int base = c * features;
                    for (int k = 0; k < idx.length; k++) {
                        acc += v[k] * coef[base + idx[k]];
                    }
                    out[i][c] = acc + intercept[c];
                }
            }
        } else {
            DenseRows d = (DenseRows) r;
            double[] xv = d.values();
            for (int i = 0; i < n; i++) {
                int off = i * features;
                for (int c = 0; c < outputs; c++) {
                    double acc = 0;
                    int base = c * features;
                    for (int j = 0; j < features; j++) {
                        acc += xv[off + j] * coef[base + j];
                    }
                    out[i][c] = acc + intercept[c];
                }
            }
        }
        return out;
    }
}
