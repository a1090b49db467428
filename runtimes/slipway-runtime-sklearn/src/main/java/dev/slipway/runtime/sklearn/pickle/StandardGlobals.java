package dev.slipway.runtime.sklearn.pickle;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.Locale;

/**
 * The Python and numpy names every scikit-learn pickle needs, implemented in Java: copyreg helpers, set,
 * OrderedDict, {@code _codecs.encode}, numpy's array, dtype and scalar reconstructors, numpy type names,
 * scipy sparse matrix classes and joblib's array wrapper.
 */
public final class StandardGlobals {

    /** The joblib class whose BUILD is followed by raw array bytes in the stream. */
    public static final String JOBLIB_WRAPPER = "NumpyArrayWrapper";

    private static final String[] NUMPY_TYPES = {
        "ndarray",
        "float64",
        "float32",
        "float16",
        "int64",
        "int32",
        "int16",
        "int8",
        "uint64",
        "uint32",
        "uint16",
        "uint8",
        "bool_",
        "object_",
        "str_",
        "bytes_",
        "intc",
        "intp",
        "longlong",
        "double",
        "single",
        "number",
        "integer",
        "floating",
        "generic"
    };

    private StandardGlobals() {}

    /** A builder holding the standard names; callers add their own classes. */
    public static Allowlist.Builder builder() {
        Allowlist.Builder b = Allowlist.builder();
        b.allowClass(
                "builtins",
                "object",
                "slice",
                "range",
                "int",
                "float",
                "str",
                "bool",
                "bytes",
                "tuple",
                "list",
                "dict",
                "complex");
        b.allowFunction("builtins", "set", args -> set(args, false));
        b.allowFunction("builtins", "frozenset", args -> set(args, true));
        b.allowFunction("builtins", "bytearray", StandardGlobals::bytesOf);
        b.allowFunction("collections", "OrderedDict", StandardGlobals::orderedDict);
        b.allowFunction("copyreg", "_reconstructor", StandardGlobals::reconstructor);
        b.allowFunction("copyreg", "__newobj__", StandardGlobals::newobj);
        b.allowFunction(
                "copyreg",
                "__newobj_ex__",
                args -> newobj(args.size() > 1 && args.get(1) instanceof PyTuple t ? prepend(args.get(0), t) : args));
        b.allowFunction("_codecs", "encode", StandardGlobals::encode);
        b.allowFunction("numpy.core.multiarray", "_reconstruct", args -> new NdArray());
        b.allowFunction("numpy.core.multiarray", "scalar", StandardGlobals::scalar);
        b.allowFunction("numpy.core.numeric", "_frombuffer", StandardGlobals::frombuffer);
        b.allowFunction("numpy", "dtype", StandardGlobals::dtype);
        b.allowClass("numpy", NUMPY_TYPES);
        b.allowClass("numpy.random.mtrand", "RandomState");
        b.allowFunction(
                "numpy.random._pickle",
                "__randomstate_ctor",
                args -> new PyInstance(new PyGlobal("numpy.random.mtrand", "RandomState"), args));
        b.allowFunction(
                "numpy.random._pickle",
                "__bit_generator_ctor",
                args -> new PyInstance(new PyGlobal("numpy.random", "BitGenerator"), args));
        for (String m : new String[] {"scipy.sparse._csr", "scipy.sparse.csr"}) {
            b.allowClass(m, "csr_matrix", "csr_array");
        }
        for (String m : new String[] {"scipy.sparse._csc", "scipy.sparse.csc"}) {
            b.allowClass(m, "csc_matrix", "csc_array");
        }
        for (String m : new String[] {"scipy.sparse._dia", "scipy.sparse.dia"}) {
            b.allowClass(m, "dia_matrix", "dia_array");
        }
        for (String m : new String[] {"joblib.numpy_pickle", "sklearn.externals.joblib.numpy_pickle"}) {
            b.allowClass(m, JOBLIB_WRAPPER, "NDArrayWrapper", "ZNDArrayWrapper");
        }
        return b;
    }

    private static PyTuple prepend(Object first, PyTuple rest) {
        Object[] out = new Object[rest.size() + 1];
        out[0] = first;
        for (int i = 0; i < rest.size(); i++) {
            out[i + 1] = rest.get(i);
        }
        return PyTuple.wrap(out);
    }

    private static Object set(PyTuple args, boolean frozen) {
        PySet s = new PySet(frozen);
        if (args.size() > 0) {
            Object it = args.get(0);
            if (it instanceof Collection<?> c) {
                s.addAll(c);
            } else if (it instanceof PyTuple t) {
                s.addAll(t.items());
            } else {
                throw new PickleException("set() of " + PyObjects.typeName(it) + " is not supported");
            }
        }
        return s;
    }

    private static Object bytesOf(PyTuple args) {
        if (args.size() == 0) {
            return new byte[0];
        }
        Object a = args.get(0);
        if (a instanceof String s && args.size() > 1 && args.get(1) instanceof String enc) {
            return s.getBytes(charset(enc));
        }
        return PyObjects.bytes(a, "bytearray argument");
    }

    private static Object orderedDict(PyTuple args) {
        PyDict d = new PyDict();
        if (args.size() > 0 && args.get(0) instanceof Collection<?> pairs) {
            for (Object p : pairs) {
                if (p instanceof PyTuple t && t.size() == 2) {
                    d.put(t.get(0), t.get(1));
                } else if (p instanceof PyList l && l.size() == 2) {
                    d.put(l.get(0), l.get(1));
                }
            }
        }
        return d;
    }

    private static Object reconstructor(PyTuple args) {
        if (args.size() != 3 || !(args.get(0) instanceof PyGlobal cls)) {
            throw new PickleException(
                    "copyreg._reconstructor expects (class, base, state), got " + PyObjects.describe(args));
        }
        if (!(args.get(1) instanceof PyGlobal base) || !"object".equals(base.name())) {
            throw new PickleException(
                    "copyreg._reconstructor with base " + PyObjects.describe(args.get(1)) + " is not supported");
        }
        PyInstance inst = new PyInstance(cls, PyTuple.of());
        if (args.get(2) != null) {
            inst.setState(args.get(2));
        }
        return inst;
    }

    private static Object newobj(PyTuple args) {
        if (args.size() < 1 || !(args.get(0) instanceof PyGlobal cls)) {
            throw new PickleException("copyreg.__newobj__ expects a class first, got " + PyObjects.describe(args));
        }
        Object[] rest = new Object[args.size() - 1];
        for (int i = 1; i < args.size(); i++) {
            rest[i - 1] = args.get(i);
        }
        return new PyInstance(cls, PyTuple.wrap(rest));
    }

    private static Object encode(PyTuple args) {
        if (args.size() < 1 || !(args.get(0) instanceof String s)) {
            throw new PickleException("_codecs.encode expects a str, got " + PyObjects.describe(args));
        }
        String enc = args.size() > 1 && args.get(1) instanceof String e ? e : "utf-8";
        return s.getBytes(charset(enc));
    }

    private static Charset charset(String enc) {
        return switch (enc.toLowerCase(Locale.ROOT).replace('_', '-')) {
            case "latin1", "latin-1", "iso-8859-1", "iso8859-1", "l1" -> StandardCharsets.ISO_8859_1;
            case "utf-8", "utf8" -> StandardCharsets.UTF_8;
            case "ascii", "us-ascii" -> StandardCharsets.US_ASCII;
            default -> throw new PickleException("encoding '" + enc + "' is not supported");
        };
    }

    private static Object dtype(PyTuple args) {
        if (args.size() < 1) {
            throw new PickleException("numpy.dtype() needs a type");
        }
        Object spec = args.get(0);
        if (spec instanceof String s) {
            return DType.parse(s);
        }
        if (spec instanceof PyGlobal g) {
            return DType.parse(g.name());
        }
        throw new PickleException("numpy.dtype(" + PyObjects.describe(spec) + ") is not supported");
    }

    private static Object scalar(PyTuple args) {
        if (args.size() < 1 || !(args.get(0) instanceof DType dt)) {
            throw new PickleException("numpy scalar() expects a dtype, got " + PyObjects.describe(args));
        }
        if (dt.isObject()) {
            return args.size() > 1 ? args.get(1) : null;
        }
        byte[] data = PyObjects.bytes(args.size() > 1 ? args.get(1) : null, "numpy scalar data");
        return NdArray.ofBytes(dt, new long[0], false, data).toObjects()[0];
    }

    private static Object frombuffer(PyTuple args) {
        if (args.size() != 4 || !(args.get(1) instanceof DType dt)) {
            throw new PickleException(
                    "numpy _frombuffer expects (buffer, dtype, shape, order), got " + PyObjects.describe(args));
        }
        byte[] data = PyObjects.bytes(args.get(0), "numpy buffer");
        long[] shape = PyObjects.shape(args.get(2));
        return NdArray.ofBytes(dt, shape, "F".equals(args.get(3)), data);
    }
}
