package dev.slipway.runtime.sklearn.preprocessing;

import dev.slipway.model.ModelException;
import dev.slipway.runtime.sklearn.estimators.Attributes;
import dev.slipway.runtime.sklearn.estimators.DenseRows;
import dev.slipway.runtime.sklearn.estimators.Estimator;
import dev.slipway.runtime.sklearn.estimators.EstimatorRegistry;
import dev.slipway.runtime.sklearn.estimators.Rows;
import dev.slipway.runtime.sklearn.estimators.SparseRows;
import dev.slipway.runtime.sklearn.estimators.TableRows;
import dev.slipway.runtime.sklearn.estimators.Transformer;
import dev.slipway.runtime.sklearn.pickle.NdArray;
import dev.slipway.runtime.sklearn.pickle.PyDict;
import dev.slipway.runtime.sklearn.pickle.PyObjects;
import java.util.List;

/**
 * {@code OneHotEncoder} and {@code OrdinalEncoder} as scikit-learn 1.2 transforms: each cell is looked up
 * in {@code categories_[i]} ({@link Categories}); unknown cells fail ({@code handle_unknown='error'}) or
 * are masked. One-hot then maps infrequent categories ({@code _infrequent_indices},
 * {@code _default_to_infrequent_mappings}), applies {@code drop_idx_} and writes ones at the per-feature
 * offsets of {@code _n_features_outs}, sparse or dense as {@code sparse_output}; ordinal writes the index,
 * {@code encoded_missing_value} for the missing category and {@code unknown_value} for unknown cells.
 * Immutable.
 */
public final class Encoders extends Transformer {

    private final boolean oneHot;
    private final Categories[] categories;
    private final String handleUnknown;
    private final Integer[] dropIdx;
    private final int[][] infrequentIdx;
    private final int[][] mappings;
    private final int[] offsets;
    private final boolean sparse;
    private final int[] missingIdx;
    private final double encodedMissing;
    private final double unknownValue;

    private Encoders(
            Attributes a,
            boolean oneHot,
            Categories[] categories,
            Integer[] dropIdx,
            int[][] infrequentIdx,
            int[][] mappings,
            int[] offsets,
            int[] missingIdx) {
        super(a, categories.length, Reads.TABLE);
        this.oneHot = oneHot;
        this.categories = categories;
        this.handleUnknown = a.string("handle_unknown", "error");
        this.dropIdx = dropIdx;
        this.infrequentIdx = infrequentIdx;
        this.mappings = mappings;
        this.offsets = offsets;
        this.sparse = a.has("sparse_output") ? a.bool("sparse_output", true) : a.bool("sparse", true);
        this.missingIdx = missingIdx;
        this.encodedMissing = a.number("encoded_missing_value", Double.NaN);
        this.unknownValue = a.number("unknown_value", Double.NaN);
    }

    /** Registers the classes of this family. */
    public static void register(EstimatorRegistry.Builder b) {
        b.estimator(Encoders::oneHot, "OneHotEncoder");
        b.estimator(Encoders::ordinal, "OrdinalEncoder");
    }

    private static Categories[] categories(Attributes a) {
        List<Object> cats = a.list("categories_");
        Categories[] out = new Categories[cats.size()];
        for (int i = 0; i < out.length; i++) {
            if (!(cats.get(i) instanceof NdArray arr) || arr.ndim() != 1) {
                throw a.invalid("categories_", "a list of 1-D arrays");
            }
            out[i] = Categories.of(arr);
        }
        if (a.nFeaturesIn().isPresent() && a.nFeaturesIn().get() != out.length) {
            throw a.invalid("categories_", a.nFeaturesIn().get() + " arrays (n_features_in_)");
        }
        return out;
    }

    private static Object[] perFeature(Attributes a, String name, int n) {
        Object v = a.getOrNull(name);
        if (v == null) {
            return null;
        }
        Object[] items =
                v instanceof NdArray arr ? arr.toObjects() : a.list(name).toArray();
        if (items.length != n) {
            throw a.invalid(name, n + " entries (one per feature)");
        }
        return items;
    }

    private static int[] indices(Object v, String what) {
        if (v == null) {
            return null;
        }
        if (v instanceof NdArray arr) {
            return arr.toInts();
        }
        return new int[] {(int) PyObjects.toLong(v, what)};
    }

    private static Estimator oneHot(Attributes a) {
        Categories[] cats = categories(a);
        String hu = a.string("handle_unknown", "error");
        if (!List.of("error", "ignore", "infrequent_if_exist").contains(hu)) {
            throw a.unsupported("handle_unknown", hu);
        }
        int n = cats.length;
        Object[] drop = perFeature(a, a.has("_drop_idx_after_grouping") ? "_drop_idx_after_grouping" : "drop_idx_", n);
        Integer[] dropIdx = null;
        if (drop != null) {
            dropIdx = new Integer[n];
            for (int i = 0; i < n; i++) {
                dropIdx[i] = drop[i] == null ? null : (int) PyObjects.toLong(drop[i], "drop_idx_");
            }
        }
        int[][] infrequent = new int[n][];
        int[][] mappings = new int[n][];
        if (a.bool("_infrequent_enabled", false)) {
            Object[] inf = perFeature(a, "_infrequent_indices", n);
            Object[] map = perFeature(a, "_default_to_infrequent_mappings", n);
            if (inf == null || map == null) {
                throw a.missing(inf == null ? "_infrequent_indices" : "_default_to_infrequent_mappings");
            }
            for (int i = 0; i < n; i++) {
                infrequent[i] = indices(inf[i], "_infrequent_indices");
                mappings[i] = indices(map[i], "_default_to_infrequent_mappings");
            }
        }
        int[] outs = new int[n];
        Object stored = a.getOrNull("_n_features_outs");
        for (int i = 0; i < n; i++) {
            outs[i] = stored != null
                    ? (int) PyObjects.toLong(a.list("_n_features_outs").get(i), "_n_features_outs")
                    : cats[i].size() - (dropIdx != null && dropIdx[i] != null ? 1 : 0);
        }
        int[] offsets = new int[n + 1];
        for (int i = 0; i < n; i++) {
            offsets[i + 1] = offsets[i] + outs[i];
        }
        return new Encoders(a, true, cats, dropIdx, infrequent, mappings, offsets, null);
    }

    private static Estimator ordinal(Attributes a) {
        Categories[] cats = categories(a);
        String hu = a.string("handle_unknown", "error");
        if (!List.of("error", "use_encoded_value").contains(hu)) {
            throw a.unsupported("handle_unknown", hu);
        }
        if (a.bool("_infrequent_enabled", false)) {
            throw a.unsupported("max_categories/min_frequency", "infrequent categories");
        }
        int[] missing = new int[cats.length];
        java.util.Arrays.fill(missing, -1);
        if (a.getOrNull("_missing_indices") instanceof PyDict d) {
            for (var e : d.entrySet()) {
                int f = (int) PyObjects.toLong(e.getKey(), "_missing_indices key");
                if (f < 0 || f >= cats.length) {
                    throw a.invalid("_missing_indices", "feature indices below " + cats.length);
                }
                missing[f] = (int) PyObjects.toLong(e.getValue(), "_missing_indices value");
            }
        }
        return new Encoders(a, false, cats, null, null, null, null, missing);
    }

    private TableRows table(Rows x) {
        if (x instanceof SparseRows) {
            throw new ModelException.InvalidInput(className + " does not accept sparse input (as scikit-learn)");
        }
        TableRows t = TableRows.of(x);
        if (t.width() != categories.length) {
            throw new ModelException.InvalidInput(className + " expects " + categories.length
                    + " features per row but got " + t.width() + " (" + x.describe() + ")");
        }
        return t;
    }

    /** The category index of each cell (0 for unknown ones, as scikit-learn) and whether it was known. */
    private int code(TableRows t, int row, int f, boolean[] known) {
        Object cell = t.get(row, f);
        int c = categories[f].indexOf(cell);
        known[0] = c >= 0;
        if (c < 0 && "error".equals(handleUnknown)) {
            throw new ModelException.InvalidInput(className + ": found unknown category " + PyObjects.describe(cell)
                    + " in column " + f + " during transform");
        }
        return Math.max(c, 0);
    }

    @Override
    public Rows transform(Rows x) {
        TableRows t = table(x);
        int n = t.count();
        int w = categories.length;
        boolean[] known = new boolean[1];
        if (!oneHot) {
            double[] out = new double[n * w];
            for (int r = 0; r < n; r++) {
                for (int f = 0; f < w; f++) {
                    int c = code(t, r, f, known);
                    double v = c;
                    if (c == missingIdx[f]) {
                        v = encodedMissing;
                    }
                    if (!known[0] && "use_encoded_value".equals(handleUnknown)) {
                        v = unknownValue;
                    }
                    out[r * w + f] = v;
                }
            }
            return new DenseRows(n, w, out);
        }
        int width = offsets[w];
        int[][] idx = new int[n][];
        double[][] vals = new double[n][];
        for (int r = 0; r < n; r++) {
            int[] cols = new int[w];
            int used = 0;
            for (int f = 0; f < w; f++) {
                int c = code(t, r, f, known);
                boolean valid = known[0];
                if (infrequentIdx[f] != null) {
                    if (!valid) {
                        c = infrequentIdx[f][0];
                    }
                    if ("infrequent_if_exist".equals(handleUnknown)) {
                        valid = true;
                    }
                }
                if (mappings[f] != null) {
                    c = mappings[f][c];
                }
                if (dropIdx != null) {
                    Integer d = dropIdx[f];
                    boolean keep = d == null || c != d;
                    int limit = d == null ? categories[f].size() : d;
                    if (c > limit) {
                        c -= 1;
                    }
                    valid &= keep;
                }
                if (valid) {
                    if (c < 0 || offsets[f] + c >= offsets[f + 1]) {
                        throw new ModelException.Unsupported(
                                className + ": category " + c + " of column " + f + " falls outside its "
                                        + (offsets[f + 1] - offsets[f]) + " output columns (inconsistent model)");
                    }
                    cols[used++] = offsets[f] + c;
                }
            }
            idx[r] = java.util.Arrays.copyOf(cols, used);
            vals[r] = new double[used];
            java.util.Arrays.fill(vals[r], 1.0);
        }
        SparseRows s = new SparseRows(width, idx, vals);
        return sparse ? s : s.densify();
    }
}
