package dev.slipway.runtime.sklearn.text;

import dev.slipway.runtime.sklearn.estimators.DenseRows;
import dev.slipway.runtime.sklearn.estimators.Rows;
import dev.slipway.runtime.sklearn.estimators.SparseRows;

/**
 * {@code sklearn.preprocessing.normalize} row by row (l1, l2, max), summing in column order as its CSR
 * kernels do; rows with norm 0 stay as they are.
 */
public final class RowNorms {

    private RowNorms() {}

    /** Whether the norm name is known. */
    public static boolean known(String norm) {
        return "l1".equals(norm) || "l2".equals(norm) || "max".equals(norm);
    }

    /** The rows normalised in place. */
    public static void normalize(double[][] values, String norm) {
        for (double[] v : values) {
            normalizeRow(v, 0, v.length, norm);
        }
    }

    /** A normalised copy of these rows. */
    public static Rows normalized(Rows rows, String norm) {
        if (rows instanceof SparseRows s) {
            double[][] vals = new double[s.count()][];
            for (int i = 0; i < vals.length; i++) {
                vals[i] = s.values()[i].clone();
            }
            normalize(vals, norm);
            return new SparseRows(s.width(), s.indices(), vals);
        }
        DenseRows d = (DenseRows) rows;
        double[] out = d.values().clone();
        for (int i = 0; i < d.count(); i++) {
            normalizeRow(out, i * d.width(), d.width(), norm);
        }
        return new DenseRows(d.count(), d.width(), out);
    }

    private static void normalizeRow(double[] v, int from, int len, String norm) {
        double s = 0;
        switch (norm) {
            case "l2" -> {
                for (int k = from; k < from + len; k++) {
                    s += v[k] * v[k];
                }
                s = Math.sqrt(s);
            }
            case "l1" -> {
                for (int k = from; k < from + len; k++) {
                    s += Math.abs(v[k]);
                }
            }
            default -> {
                for (int k = from; k < from + len; k++) {
                    s = Math.max(s, Math.abs(v[k]));
                }
            }
        }
        if (s == 0) {
            return;
        }
        for (int k = from; k < from + len; k++) {
            v[k] /= s;
        }
    }
}
