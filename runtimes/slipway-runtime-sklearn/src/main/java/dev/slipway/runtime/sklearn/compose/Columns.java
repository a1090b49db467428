package dev.slipway.runtime.sklearn.compose;

import dev.slipway.model.ModelException;
import dev.slipway.runtime.sklearn.estimators.DenseRows;
import dev.slipway.runtime.sklearn.estimators.Rows;
import dev.slipway.runtime.sklearn.estimators.SparseRows;
import dev.slipway.runtime.sklearn.estimators.TableRows;
import dev.slipway.runtime.sklearn.estimators.TextRows;
import java.util.ArrayList;
import java.util.List;

/** Selecting columns of rows and stacking blocks side by side ({@code np.hstack} / {@code sparse.hstack}). */
final class Columns {

    private Columns() {}

    /**
     * The given columns of {@code x}, in that order. {@code documents}: the selection is one column named by
     * a scalar for a text vectorizer, which receives its cells as documents (as a pandas Series).
     */
    static Rows select(Rows x, int[] cols, boolean documents) {
        int n = x.count();
        if (x instanceof TextRows t) {
            if (cols.length != 1 || cols[0] != 0) {
                throw new ModelException.InvalidInput("text documents have one column, but columns "
                        + java.util.Arrays.toString(cols) + " were selected");
            }
            return t;
        }
        if (documents) {
            TableRows t = TableRows.of(x);
            String[] docs = new String[n];
            for (int i = 0; i < n; i++) {
                Object c = t.get(i, cols[0]);
                docs[i] = c == null ? "None" : String.valueOf(c);
            }
            return new TextRows(docs);
        }
        if (x instanceof SparseRows s) {
            int[][] idx = new int[n][];
            double[][] vals = new double[n][];
            for (int i = 0; i < n; i++) {
                int[] in = s.indices()[i];
                int[] ci = new int[cols.length];
                double[] cv = new double[cols.length];
                int used = 0;
                for (int k = 0; k < cols.length; k++) {
                    int at = java.util.Arrays.binarySearch(in, cols[k]);
                    if (at >= 0) {
                        ci[used] = k;
                        cv[used++] = s.values()[i][at];
                    }
                }
                idx[i] = java.util.Arrays.copyOf(ci, used);
                vals[i] = java.util.Arrays.copyOf(cv, used);
            }
            return new SparseRows(cols.length, idx, vals);
        }
        if (x instanceof DenseRows d) {
            double[] out = new double[n * cols.length];
            for (int i = 0; i < n; i++) {
                for (int k = 0; k < cols.length; k++) {
                    out[i * cols.length + k] = d.get(i, cols[k]);
                }
            }
            return new DenseRows(n, cols.length, out);
        }
        TableRows t = (TableRows) x;
        Object[] out = new Object[n * cols.length];
        for (int i = 0; i < n; i++) {
            for (int k = 0; k < cols.length; k++) {
                out[i * cols.length + k] = t.get(i, cols[k]);
            }
        }
        return new TableRows(n, cols.length, out);
    }

    /** Multiplies numeric blocks by a weight (FeatureUnion/ColumnTransformer {@code transformer_weights}). */
    static Rows weighted(Rows r, double w, String who) {
        if (r instanceof SparseRows s) {
            double[][] vals = new double[s.count()][];
            for (int i = 0; i < vals.length; i++) {
                vals[i] = s.values()[i].clone();
                for (int k = 0; k < vals[i].length; k++) {
                    vals[i][k] *= w;
                }
            }
            return new SparseRows(s.width(), s.indices(), vals);
        }
        DenseRows d = r.toDense(-1, who);
        double[] out = d.values().clone();
        for (int i = 0; i < out.length; i++) {
            out[i] *= w;
        }
        return new DenseRows(d.count(), d.width(), out);
    }

    /** The blocks side by side: sparse when {@code sparse}, else dense numbers, or a table when some hold text. */
    static Rows hstack(List<Rows> blocks, int n, boolean sparse, String who) {
        int width = 0;
        for (Rows b : blocks) {
            if (b.count() != n) {
                throw new ModelException.InvalidInput(who + ": a transformer returned " + b.count() + " rows for " + n);
            }
            if (b instanceof TextRows) {
                throw new ModelException.Unsupported(
                        who + ": a transformer returned text documents, which cannot be stacked");
            }
            width += b.width();
        }
        if (sparse) {
            int[][] idx = new int[n][];
            double[][] vals = new double[n][];
            List<Rows> numeric = new ArrayList<>();
            for (Rows b : blocks) {
                numeric.add(b instanceof SparseRows ? b : b.toDense(-1, who));
            }
            for (int i = 0; i < n; i++) {
                List<Integer> ci = new ArrayList<>();
                List<Double> cv = new ArrayList<>();
                int off = 0;
                for (Rows b : numeric) {
                    if (b instanceof SparseRows s) {
                        for (int k = 0; k < s.indices()[i].length; k++) {
                            ci.add(off + s.indices()[i][k]);
                            cv.add(s.values()[i][k]);
                        }
                    } else {
                        DenseRows d = (DenseRows) b;
                        for (int j = 0; j < d.width(); j++) {
                            if (d.get(i, j) != 0) {
                                ci.add(off + j);
                                cv.add(d.get(i, j));
                            }
                        }
                    }
                    off += b.width();
                }
                idx[i] = ci.stream().mapToInt(Integer::intValue).toArray();
                vals[i] = cv.stream().mapToDouble(Double::doubleValue).toArray();
            }
            return new SparseRows(width, idx, vals);
        }
        boolean table = false;
        for (Rows b : blocks) {
            table |= b instanceof TableRows t && t.hasText();
        }
        if (table) {
            Object[] out = new Object[n * width];
            int off = 0;
            for (Rows b : blocks) {
                TableRows t = TableRows.of(b);
                for (int i = 0; i < n; i++) {
                    for (int j = 0; j < t.width(); j++) {
                        out[i * width + off + j] = t.get(i, j);
                    }
                }
                off += t.width();
            }
            return new TableRows(n, width, out);
        }
        double[] out = new double[n * width];
        int off = 0;
        for (Rows b : blocks) {
            DenseRows d = b.toDense(-1, who);
            for (int i = 0; i < n; i++) {
                System.arraycopy(d.values(), i * d.width(), out, i * width + off, d.width());
            }
            off += d.width();
        }
        return new DenseRows(n, width, out);
    }
}
