package dev.slipway.runtime.sklearn.estimators;

import dev.slipway.model.DataType;
import dev.slipway.model.Tensor;
import dev.slipway.runtime.sklearn.pickle.NdArray;
import dev.slipway.runtime.sklearn.pickle.PyObjects;
import java.util.ArrayList;
import java.util.List;

/**
 * A classifier's {@code classes_}, kept in the dtype scikit-learn returns them in: int64, float64, bool
 * or text. Immutable.
 */
public final class Labels {

    private final DataType type;
    private final long[] longs;
    private final double[] doubles;
    private final boolean[] bools;
    private final String[] strings;

    private Labels(DataType type, long[] longs, double[] doubles, boolean[] bools, String[] strings) {
        this.type = type;
        this.longs = longs;
        this.doubles = doubles;
        this.bools = bools;
        this.strings = strings;
    }

    /** The labels in a {@code classes_} array. */
    public static Labels of(NdArray classes, String owner) {
        char k = classes.dtype().kind();
        switch (k) {
            case 'i', 'u' -> {
                return new Labels(DataType.INT64, classes.toLongs(), null, null, null);
            }
            case 'f' -> {
                return new Labels(DataType.FP64, null, classes.toDoubles(), null, null);
            }
            case 'b' -> {
                long[] l = classes.toLongs();
                boolean[] b = new boolean[l.length];
                for (int i = 0; i < l.length; i++) {
                    b[i] = l[i] != 0;
                }
                return new Labels(DataType.BOOL, null, null, b, null);
            }
            default -> {
                return ofObjects(classes.toObjects(), owner);
            }
        }
    }

    private static Labels ofObjects(Object[] objs, String owner) {
        boolean allStrings = true;
        boolean allInts = true;
        for (Object o : objs) {
            allStrings &= o instanceof String;
            allInts &= o instanceof Long;
        }
        if (allStrings) {
            String[] s = new String[objs.length];
            for (int i = 0; i < objs.length; i++) {
                s[i] = (String) objs[i];
            }
            return new Labels(DataType.STRING, null, null, null, s);
        }
        if (allInts) {
            long[] l = new long[objs.length];
            for (int i = 0; i < objs.length; i++) {
                l[i] = (Long) objs[i];
            }
            return new Labels(DataType.INT64, l, null, null, null);
        }
        double[] d = new double[objs.length];
        for (int i = 0; i < objs.length; i++) {
            d[i] = PyObjects.toDouble(objs[i], owner + ".classes_ element");
        }
        return new Labels(DataType.FP64, null, d, null, null);
    }

    /** The number of classes. */
    public int size() {
        return switch (type) {
            case INT64 -> longs.length;
            case FP64 -> doubles.length;
            case BOOL -> bools.length;
            default -> strings.length;
        };
    }

    /** The element type of label tensors. */
    public DataType type() {
        return type;
    }

    /** The label of each row's largest score ({@link Outputs#argmax}: the first on ties, NaN the largest). */
    public Tensor takeArgmax(double[][] scores) {
        int[] idx = new int[scores.length];
        for (int i = 0; i < idx.length; i++) {
            idx[i] = Outputs.argmax(scores[i]);
        }
        return take(idx);
    }

    /** A 1-D tensor of the labels at these class indices. */
    public Tensor take(int[] idx) {
        int n = idx.length;
        switch (type) {
            case INT64 -> {
                long[] out = new long[n];
                for (int i = 0; i < n; i++) {
                    out[i] = longs[idx[i]];
                }
                return Tensor.ofLongs(out, n);
            }
            case FP64 -> {
                double[] out = new double[n];
                for (int i = 0; i < n; i++) {
                    out[i] = doubles[idx[i]];
                }
                return Tensor.ofDoubles(out, n);
            }
            case BOOL -> {
                boolean[] out = new boolean[n];
                for (int i = 0; i < n; i++) {
                    out[i] = bools[idx[i]];
                }
                return Tensor.ofBooleans(out, n);
            }
            default -> {
                String[] out = new String[n];
                for (int i = 0; i < n; i++) {
                    out[i] = strings[idx[i]];
                }
                return Tensor.ofStrings(out, n);
            }
        }
    }

    /** The labels as JSON-compatible values (for metadata). */
    public List<Object> asList() {
        List<Object> out = new ArrayList<>();
        for (int i = 0; i < size(); i++) {
            out.add(
                    switch (type) {
                        case INT64 -> (Object) longs[i];
                        case FP64 -> doubles[i];
                        case BOOL -> bools[i];
                        default -> strings[i];
                    });
        }
        return out;
    }
}
