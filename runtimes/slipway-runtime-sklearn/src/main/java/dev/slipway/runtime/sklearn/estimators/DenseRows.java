package dev.slipway.runtime.sklearn.estimators;

/**
 * Dense numeric rows in row-major order.
 *
 * @param count the number of rows
 * @param width the number of columns
 * @param values {@code count * width} values, row after row (owned by this object; never modified)
 */
public record DenseRows(int count, int width, double[] values) implements Rows {

    public DenseRows {
        if ((long) count * width != values.length) {
            throw new IllegalArgumentException(
                    count + " x " + width + " rows need " + (long) count * width + " values");
        }
    }

    /** The value at row {@code i}, column {@code j}. */
    public double get(int i, int j) {
        return values[i * width + j];
    }

    /** A copy of row {@code i}. */
    public double[] row(int i) {
        double[] r = new double[width];
        System.arraycopy(values, i * width, r, 0, width);
        return r;
    }

    @Override
    public String describe() {
        return "rows [" + count + ", " + width + "]";
    }
}
