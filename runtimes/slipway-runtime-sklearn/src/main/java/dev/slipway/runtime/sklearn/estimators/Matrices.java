package dev.slipway.runtime.sklearn.estimators;

import dev.slipway.runtime.sklearn.pickle.NdArray;
import dev.slipway.runtime.sklearn.pickle.PyInstance;
import dev.slipway.runtime.sklearn.pickle.PyObjects;

/** Dense views of pickled matrices: numpy arrays and scipy CSR, CSC and DIA sparse matrices. */
public final class Matrices {

    /**
     * A dense row-major matrix.
     *
     * @param rows the number of rows
     * @param cols the number of columns
     * @param values row-major values
     */
    public record Dense(int rows, int cols, double[] values) {}

    private Matrices() {}

    /** A numpy array (1-D: one row) or scipy sparse matrix as a dense matrix. */
    public static Dense dense(Object value, String what) {
        if (value instanceof NdArray a) {
            double[] v = a.toDoubles();
            if (a.ndim() == 1) {
                return new Dense(1, a.dim(0), v);
            }
            if (a.ndim() == 2) {
                return new Dense(a.dim(0), a.dim(1), v);
            }
            throw new IllegalArgumentException(what + " has " + a.ndim() + " dimensions, expected 1 or 2");
        }
        if (value instanceof PyInstance inst) {
            return sparse(inst, what);
        }
        throw new IllegalArgumentException(what + " is " + PyObjects.typeName(value) + ", not a matrix");
    }

    private static Dense sparse(PyInstance inst, String what) {
        var a = inst.attributes();
        Object shapeObj = a.containsKey("_shape") ? a.get("_shape") : a.get("shape");
        if (!(shapeObj instanceof dev.slipway.runtime.sklearn.pickle.PyTuple shape) || shape.size() != 2) {
            throw new IllegalArgumentException(what + " (" + inst.className() + ") has no 2-D shape");
        }
        int rows = (int) PyObjects.toLong(shape.get(0), what + " rows");
        int cols = (int) PyObjects.toLong(shape.get(1), what + " cols");
        double[] out = new double[Math.multiplyExact(rows, cols)];
        String cls = inst.className();
        if (cls.startsWith("csr") || cls.startsWith("csc")) {
            double[] data = ((NdArray) a.get("data")).toDoubles();
            long[] indices = ((NdArray) a.get("indices")).toLongs();
            long[] indptr = ((NdArray) a.get("indptr")).toLongs();
            boolean csr = cls.startsWith("csr");
            int major = csr ? rows : cols;
            if (indptr.length != major + 1) {
                throw new IllegalArgumentException(
                        what + " has an indptr of " + indptr.length + " entries for " + major);
            }
            for (int m = 0; m < major; m++) {
                for (long k = indptr[m]; k < indptr[m + 1]; k++) {
                    int minor = (int) indices[(int) k];
                    int r = csr ? m : minor;
                    int c = csr ? minor : m;
                    out[r * cols + c] += data[(int) k];
                }
            }
        } else if (cls.startsWith("dia")) {
            NdArray dataArr = (NdArray) a.get("data");
            double[] data = dataArr.toDoubles();
            long[] offsets = ((NdArray) a.get("offsets")).toLongs();
            int width = dataArr.dim(1);
            for (int d = 0; d < offsets.length; d++) {
                for (int c = 0; c < Math.min(cols, width); c++) {
                    long r = c - offsets[d];
                    if (r >= 0 && r < rows) {
                        out[(int) r * cols + c] = data[d * width + c];
                    }
                }
            }
        } else {
            throw new IllegalArgumentException(what + " is a scipy " + cls + ", which is not supported");
        }
        return new Dense(rows, cols, out);
    }

    /** The diagonal of a square matrix given as a numpy array or scipy sparse matrix (TfidfTransformer's idf). */
    public static double[] diagonal(Object value, String what) {
        if (value instanceof PyInstance inst && inst.className().startsWith("csr")) {
            var a = inst.attributes();
            double[] data = ((NdArray) a.get("data")).toDoubles();
            long[] indices = ((NdArray) a.get("indices")).toLongs();
            long[] indptr = ((NdArray) a.get("indptr")).toLongs();
            double[] out = new double[indptr.length - 1];
            for (int r = 0; r < out.length; r++) {
                for (long k = indptr[r]; k < indptr[r + 1]; k++) {
                    if (indices[(int) k] == r) {
                        out[r] += data[(int) k];
                    }
                }
            }
            return out;
        }
        Dense d = dense(value, what);
        double[] out = new double[Math.min(d.rows(), d.cols())];
        for (int i = 0; i < out.length; i++) {
            out[i] = d.values()[i * d.cols() + i];
        }
        return out;
    }
}
