package dev.slipway.runtime.sklearn.compose;

import dev.slipway.model.ModelException;
import dev.slipway.runtime.sklearn.estimators.Attributes;
import dev.slipway.runtime.sklearn.estimators.Estimator;
import dev.slipway.runtime.sklearn.estimators.EstimatorRegistry;
import dev.slipway.runtime.sklearn.estimators.Rows;
import dev.slipway.runtime.sklearn.pickle.NdArray;
import dev.slipway.runtime.sklearn.pickle.PyDict;
import dev.slipway.runtime.sklearn.pickle.PyInstance;
import dev.slipway.runtime.sklearn.pickle.PyList;
import dev.slipway.runtime.sklearn.pickle.PyObjects;
import dev.slipway.runtime.sklearn.pickle.PyTuple;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code sklearn.compose.ColumnTransformer}, fitted: each entry of {@code transformers_} (the remainder
 * included) transforms its columns — integer indices (negative from the end), slices, boolean masks, or
 * column names resolved against {@code feature_names_in_} (the request's {@code data.names} put the
 * columns in that order first) — and the blocks are stacked in order, sparse when {@code sparse_output_}.
 * {@code 'drop'} entries and empty selections are skipped, {@code 'passthrough'} copies its columns,
 * {@code transformer_weights} scale blocks. A single column named by a scalar reaches a text vectorizer as
 * documents. Immutable.
 */
public final class ColumnTransformer implements Estimator {

    /** One fitted entry: its name, estimator (null for passthrough), columns and whether they were a scalar. */
    record Part(String name, Estimator estimator, int[] columns, boolean scalar, double weight) {}

    private final List<Part> parts;
    private final int width;
    private final boolean sparse;
    private final Optional<List<String>> featureNames;

    private ColumnTransformer(List<Part> parts, int width, boolean sparse, Optional<List<String>> featureNames) {
        this.parts = List.copyOf(parts);
        this.width = width;
        this.sparse = sparse;
        this.featureNames = featureNames;
    }

    /** Registers the class. */
    public static void register(EstimatorRegistry.Builder b) {
        b.estimator(ColumnTransformer::create, "ColumnTransformer");
        b.helper("FunctionTransformer", "_RemainderColsList");
    }

    private static Estimator create(Attributes a) {
        int width = (int) a.integer("n_features_in_");
        Optional<List<String>> names = a.featureNamesIn();
        PyDict weights = a.getOrNull("transformer_weights") instanceof PyDict d ? d : null;
        List<Part> parts = new ArrayList<>();
        for (List<Object> t : a.tuples("transformers_", 3, "(name, transformer, columns) triples")) {
            String name = String.valueOf(t.get(0));
            Object est = t.get(1);
            int[] cols = resolve(a, t.get(2), width, names.orElse(null), name);
            if ("drop".equals(est) || cols.length == 0) {
                continue;
            }
            boolean scalar = t.get(2) instanceof Long || t.get(2) instanceof String;
            Estimator e = "passthrough".equals(est) ? null : a.convert(est, "transformers_['" + name + "']");
            if (e != null && !e.isTransformer()) {
                throw new ModelException.LoadFailure(
                        "ColumnTransformer entry '" + name + "' (" + e.className() + ") is not a transformer");
            }
            double w = weights != null && weights.get(name) != null
                    ? PyObjects.toDouble(weights.get(name), "weight")
                    : 1.0;
            parts.add(new Part(name, e, cols, scalar, weights != null && weights.get(name) != null ? w : Double.NaN));
        }
        return new ColumnTransformer(parts, width, a.bool("sparse_output_", false), names);
    }

    /** The column indices a fitted column specification selects. */
    static int[] resolve(Attributes a, Object spec, int width, List<String> names, String part) {
        String where = "columns of '" + part + "'";
        if (spec instanceof Long l) {
            return new int[] {index(l, width, where)};
        }
        if (spec instanceof String s) {
            return new int[] {name(a, s, names, where)};
        }
        if (spec instanceof PyInstance inst && "slice".equals(inst.className())) {
            return slice(a, inst.args(), width, names, where);
        }
        List<Object> items;
        if (spec instanceof PyInstance inst && "_RemainderColsList".equals(inst.className())) {
            items = inst.listItems();
        } else if (spec instanceof NdArray arr) {
            if (arr.dtype().kind() == 'b') {
                long[] mask = arr.toLongs();
                if (mask.length != width) {
                    throw new ModelException.LoadFailure("ColumnTransformer " + where + ": a boolean mask of "
                            + mask.length + " for " + width + " features");
                }
                List<Integer> out = new ArrayList<>();
                for (int i = 0; i < mask.length; i++) {
                    if (mask[i] != 0) {
                        out.add(i);
                    }
                }
                return out.stream().mapToInt(Integer::intValue).toArray();
            }
            items = java.util.Arrays.asList(arr.toObjects());
        } else if (spec instanceof PyList l) {
            items = l;
        } else if (spec instanceof PyTuple t) {
            items = t.items();
        } else {
            throw a.unsupported("transformers_ " + where, spec);
        }
        boolean bools = !items.isEmpty() && items.stream().allMatch(o -> o instanceof Boolean);
        if (bools) {
            if (items.size() != width) {
                throw new ModelException.LoadFailure("ColumnTransformer " + where + ": a boolean mask of "
                        + items.size() + " for " + width + " features");
            }
            List<Integer> out = new ArrayList<>();
            for (int i = 0; i < items.size(); i++) {
                if ((Boolean) items.get(i)) {
                    out.add(i);
                }
            }
            return out.stream().mapToInt(Integer::intValue).toArray();
        }
        int[] out = new int[items.size()];
        for (int i = 0; i < out.length; i++) {
            Object o = items.get(i);
            if (o instanceof String s) {
                out[i] = name(a, s, names, where);
            } else if (o instanceof Long l) {
                out[i] = index(l, width, where);
            } else {
                throw a.unsupported("transformers_ " + where, spec);
            }
        }
        return out;
    }

    private static int index(long i, int width, String where) {
        long j = i < 0 ? i + width : i;
        if (j < 0 || j >= width) {
            throw new ModelException.LoadFailure(
                    "ColumnTransformer " + where + ": column " + i + " is outside the " + width + " features");
        }
        return (int) j;
    }

    private static int name(Attributes a, String s, List<String> names, String where) {
        if (names == null) {
            throw new ModelException.LoadFailure(
                    "ColumnTransformer " + where + " name column '" + s + "' but the model has no feature_names_in_");
        }
        int i = names.indexOf(s);
        if (i < 0) {
            throw new ModelException.LoadFailure(
                    "ColumnTransformer " + where + ": column '" + s + "' is not in feature_names_in_ " + names);
        }
        return i;
    }

    private static int[] slice(Attributes a, PyTuple args, int width, List<String> names, String where) {
        Object start = args.size() > 0 ? args.get(0) : null;
        Object stop = args.size() > 1 ? args.get(1) : null;
        Object step = args.size() > 2 ? args.get(2) : null;
        if (start instanceof String || stop instanceof String) {
            int from = start == null ? 0 : name(a, (String) start, names, where);
            int to = stop == null ? width - 1 : name(a, (String) stop, names, where);
            List<Integer> out = new ArrayList<>();
            long st = step == null ? 1 : PyObjects.toLong(step, "slice step");
            for (int i = from; st > 0 ? i <= to : i >= to; i += (int) st) {
                out.add(i);
            }
            return out.stream().mapToInt(Integer::intValue).toArray();
        }
        long st = step == null ? 1 : PyObjects.toLong(step, "slice step");
        if (st == 0) {
            throw new ModelException.LoadFailure("ColumnTransformer " + where + ": slice step 0");
        }
        long lo = st > 0 ? 0 : -1;
        long hi = st > 0 ? width : width - 1;
        long s0 = start == null ? (st > 0 ? lo : hi) : clamp(PyObjects.toLong(start, "slice start"), width, lo, hi);
        long s1 = stop == null ? (st > 0 ? hi : lo) : clamp(PyObjects.toLong(stop, "slice stop"), width, lo, hi);
        List<Integer> out = new ArrayList<>();
        for (long i = s0; st > 0 ? i < s1 : i > s1; i += st) {
            out.add((int) i);
        }
        return out.stream().mapToInt(Integer::intValue).toArray();
    }

    private static long clamp(long v, int width, long lo, long hi) {
        long x = v < 0 ? v + width : v;
        return Math.max(lo, Math.min(hi, x));
    }

    @Override
    public String className() {
        return "ColumnTransformer";
    }

    @Override
    public List<String> classNames() {
        return Estimator.classNames(
                className(), parts.stream().map(Part::estimator).toList());
    }

    @Override
    public boolean isTransformer() {
        return true;
    }

    @Override
    public boolean takesTable() {
        return parts.stream()
                .anyMatch(p -> p.estimator() == null
                        || p.estimator().takesTable()
                        || p.estimator().takesText());
    }

    @Override
    public Optional<Integer> nFeaturesIn() {
        return Optional.of(width);
    }

    @Override
    public Optional<List<String>> featureNamesIn() {
        return featureNames;
    }

    @Override
    public Rows transform(Rows x) {
        if (x.width() != width) {
            throw new ModelException.InvalidInput("ColumnTransformer expects " + width + " features per row but got "
                    + x.width() + " (" + x.describe() + ")");
        }
        List<Rows> blocks = new ArrayList<>();
        for (Part p : parts) {
            Rows sub = Columns.select(
                    x,
                    p.columns(),
                    p.scalar() && p.estimator() != null && p.estimator().takesText());
            Rows out = p.estimator() == null ? sub : p.estimator().transform(sub);
            if (!Double.isNaN(p.weight())) {
                out = Columns.weighted(out, p.weight(), "ColumnTransformer '" + p.name() + "'");
            }
            blocks.add(out);
        }
        return Columns.hstack(blocks, x.count(), sparse, "ColumnTransformer");
    }
}
