package dev.slipway.runtime.sklearn.estimators;

/**
 * Sparse numeric rows: for each row, the columns that hold a value (ascending) and their values, as a
 * scipy CSR matrix with sorted indices.
 *
 * @param width the number of columns
 * @param indices per row, ascending column indices (owned; never modified)
 * @param values per row, the values at those columns (owned; never modified)
 */
public record SparseRows(int width, int[][] indices, double[][] values) implements Rows {

    public SparseRows {
        if (indices.length != values.length) {
            throw new IllegalArgumentException("indices and values differ in row count");
        }
    }

    @Override
    public int count() {
        return indices.length;
    }

    /** The dense form. */
    public DenseRows densify() {
        int n = indices.length;
        double[] out = new double[Math.multiplyExact(n, width)];
        for (int i = 0; i < n; i++) {
            int[] idx = indices[i];
            double[] v = values[i];
            for (int k = 0; k < idx.length; k++) {
                out[i * width + idx[k]] = v[k];
            }
        }
        return new DenseRows(n, width, out);
    }

    @Override
    public String describe() {
        return "sparse rows [" + count() + ", " + width + "]";
    }
}
