package dev.slipway.runtime.sklearn.estimators;

import dev.slipway.model.ModelException;
import dev.slipway.runtime.sklearn.pickle.NdArray;
import dev.slipway.runtime.sklearn.pickle.PickleException;
import dev.slipway.runtime.sklearn.pickle.PyDict;
import dev.slipway.runtime.sklearn.pickle.PyInstance;
import dev.slipway.runtime.sklearn.pickle.PyList;
import dev.slipway.runtime.sklearn.pickle.PyObjects;
import dev.slipway.runtime.sklearn.pickle.PyTuple;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * Typed reading of a pickled estimator's attributes. Every error names the estimator class, the
 * attribute, what was expected and the scikit-learn version that wrote the file.
 */
public final class Attributes {

    private final PyInstance instance;
    private final PyDict attrs;
    private final Converter converter;

    Attributes(PyInstance instance, Converter converter) {
        this.instance = instance;
        this.attrs = instance.attributes();
        this.converter = converter;
    }

    /** The estimator's class name. */
    public String className() {
        return instance.className();
    }

    /** The pickled instance. */
    public PyInstance instance() {
        return instance;
    }

    /** The scikit-learn version recorded in the file, or {@code unknown}. */
    public String version() {
        return attrs.get("_sklearn_version") instanceof String s ? s : "unknown";
    }

    /** True when the attribute is present (even if None). */
    public boolean has(String name) {
        return attrs.containsKey(name);
    }

    /** True when the attribute is present and not None. */
    public boolean present(String name) {
        return attrs.get(name) != null;
    }

    /** The raw value, which must be present. */
    public Object get(String name) {
        if (!attrs.containsKey(name)) {
            throw missing(name);
        }
        return attrs.get(name);
    }

    /** The raw value or null. */
    public Object getOrNull(String name) {
        return attrs.get(name);
    }

    /** The error for a missing attribute. */
    public ModelException.LoadFailure missing(String name) {
        return new ModelException.LoadFailure(className() + " has no attribute '" + name + "' (written by scikit-learn "
                + version() + "; this attribute layout is not supported)");
    }

    /** The error for an attribute with an unexpected value. */
    public ModelException.LoadFailure invalid(String name, String expected) {
        return new ModelException.LoadFailure(
                className() + "." + name + " is " + PyObjects.typeName(attrs.get(name)) + " "
                        + PyObjects.describe(attrs.get(name)) + " but " + expected + " was expected (scikit-learn "
                        + version() + ")");
    }

    /** The error for a parameter value this reader does not implement. */
    public ModelException.LoadFailure unsupported(String name, Object value) {
        return new ModelException.LoadFailure(
                className() + " with " + name + "=" + PyObjects.describe(value) + " is not supported");
    }

    /** A numpy array attribute. */
    public NdArray array(String name) {
        Object v = get(name);
        if (v instanceof NdArray a) {
            return a;
        }
        throw invalid(name, "a numpy array");
    }

    /** A numeric array (or list, or number) attribute as doubles, flattened in C order. */
    public double[] doubles(String name) {
        Object v = get(name);
        try {
            if (v instanceof NdArray a) {
                return a.toDoubles();
            }
            if (v instanceof List<?> || v instanceof PyTuple) {
                List<?> l = v instanceof PyTuple t ? t.items() : (List<?>) v;
                double[] out = new double[l.size()];
                for (int i = 0; i < out.length; i++) {
                    out[i] = PyObjects.toDouble(l.get(i), name);
                }
                return out;
            }
            return new double[] {PyObjects.toDouble(v, name)};
        } catch (PickleException e) {
            throw invalid(name, "numbers");
        }
    }

    /** An integer array attribute as ints. */
    public int[] ints(String name) {
        try {
            return array(name).toInts();
        } catch (PickleException e) {
            throw invalid(name, "integers");
        }
    }

    /** A number attribute (Python or numpy scalar, or a one-element array). */
    public double number(String name) {
        try {
            return PyObjects.toDouble(get(name), name);
        } catch (PickleException e) {
            throw invalid(name, "a number");
        }
    }

    /** An int attribute. */
    public long integer(String name) {
        try {
            return PyObjects.toLong(get(name), name);
        } catch (PickleException e) {
            throw invalid(name, "an int");
        }
    }

    /** An int attribute, or the default when absent or None. */
    public long integer(String name, long defaultValue) {
        return present(name) ? integer(name) : defaultValue;
    }

    /** A number attribute, or the default when absent or None. */
    public double number(String name, double defaultValue) {
        return present(name) ? number(name) : defaultValue;
    }

    /** A str attribute, or the default when absent or None. */
    public String string(String name, String defaultValue) {
        return optional(name, defaultValue, "a str", v -> v instanceof String s ? s : null);
    }

    /** A bool attribute, or the default when absent or None. */
    public boolean bool(String name, boolean defaultValue) {
        return optional(
                name, defaultValue, "a bool", v -> v instanceof Boolean b ? b : v instanceof Long l ? l != 0 : null);
    }

    /**
     * An attribute converted by {@code convert} (null: not of the expected type), or the default when absent or None.
     *
     * @param expected what the attribute must be, for the error ({@code "a bool"})
     */
    private <T> T optional(String name, T defaultValue, String expected, Function<Object, @Nullable T> convert) {
        Object v = attrs.get(name);
        if (v == null) {
            return defaultValue;
        }
        T converted = convert.apply(v);
        if (converted == null) {
            throw invalid(name, expected);
        }
        return converted;
    }

    /**
     * A list attribute whose items are tuples (or lists) of {@code size} values each, as scikit-learn keeps
     * {@code steps}, {@code transformers_} and {@code transformer_list}.
     *
     * @param what the items, for the error ({@code "(name, transformer) pairs"})
     */
    public List<List<Object>> tuples(String name, int size, String what) {
        List<List<Object>> out = new java.util.ArrayList<>();
        for (Object entry : list(name)) {
            List<Object> t = entry instanceof PyTuple tuple ? tuple.items() : entry instanceof PyList l ? l : null;
            if (t == null || t.size() != size) {
                throw invalid(name, what);
            }
            out.add(t);
        }
        return out;
    }

    /** A list or tuple attribute (an object array is accepted too). */
    public List<Object> list(String name) {
        Object v = get(name);
        if (v instanceof PyList l) {
            return l;
        }
        if (v instanceof PyTuple t) {
            return t.items();
        }
        if (v instanceof NdArray a && a.dtype().isObject()) {
            return java.util.Arrays.asList(a.toObjects());
        }
        throw invalid(name, "a list");
    }

    /** The classifier labels in {@code classes_}. */
    public Labels labels() {
        if (!present("classes_") && get("_label_binarizer") instanceof PyInstance lb) {
            return nested(lb, "_label_binarizer").labels();
        }
        return Labels.of(array("classes_"), className());
    }

    /** {@code n_features_in_} when present (absent before scikit-learn 0.24). */
    public Optional<Integer> nFeaturesIn() {
        return present("n_features_in_") ? Optional.of((int) integer("n_features_in_")) : Optional.empty();
    }

    /** {@code feature_names_in_} when present. */
    public Optional<List<String>> featureNamesIn() {
        if (!present("feature_names_in_")) {
            return Optional.empty();
        }
        List<String> out = new ArrayList<>();
        for (Object o : array("feature_names_in_").toObjects()) {
            out.add(String.valueOf(o));
        }
        return Optional.of(List.copyOf(out));
    }

    /** A nested estimator attribute, converted. */
    public Estimator estimator(String name) {
        return converter.convert(get(name), className() + "." + name);
    }

    /** Converts a nested value that must be an estimator. */
    public Estimator convert(Object value, String where) {
        return converter.convert(value, className() + "." + where);
    }

    /** Attributes of a nested, non-estimator instance (a tree, a loss object). */
    public Attributes nested(Object value, String where) {
        if (value instanceof PyInstance i) {
            return new Attributes(i, converter);
        }
        throw new ModelException.LoadFailure(
                className() + "." + where + " is " + PyObjects.typeName(value) + " but an object was expected");
    }
}
