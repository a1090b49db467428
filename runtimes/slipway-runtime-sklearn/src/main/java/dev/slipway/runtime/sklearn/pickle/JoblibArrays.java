package dev.slipway.runtime.sklearn.pickle;

/**
 * Reads the numpy array that joblib (0.10 and later) writes right after a {@code NumpyArrayWrapper}'s
 * BUILD: for numeric dtypes an optional padding-length byte and padding (joblib 1.2+, when the wrapper
 * has {@code numpy_array_alignment_bytes}), then the raw element bytes in the wrapper's order; for object
 * dtypes an embedded pickle of the array.
 */
final class JoblibArrays {

    private JoblibArrays() {}

    static NdArray read(PyInstance wrapper, Unpickler vm, PickleLimits limits) {
        if (!wrapper.type().name().equals(StandardGlobals.JOBLIB_WRAPPER)) {
            throw new PickleException("joblib " + wrapper.type().name()
                    + " (a pre-0.10 joblib format that keeps arrays in separate files)"
                    + " is not supported; re-save the model with a current joblib");
        }
        PyDict s = wrapper.attributes();
        Object dt = s.get("dtype");
        if (!(dt instanceof DType dtype)) {
            throw new PickleException(
                    "joblib NumpyArrayWrapper has no dtype (state: " + PyObjects.describe(s.keySet()) + ")");
        }
        long[] shape = PyObjects.shape(s.get("shape"));
        boolean fortran = "F".equals(s.get("order"));
        PickleStream in = vm.stream();
        long count = NdArray.count(shape);
        if (count > limits.maxArrayElements()) {
            throw new PickleException(
                    "numpy array of " + count + " elements exceeds the limit of " + limits.maxArrayElements());
        }
        if (dtype.isObject()) {
            Object nested = vm.loadNested();
            if (!(nested instanceof NdArray a)) {
                throw new PickleException("joblib object array holds " + PyObjects.typeName(nested) + ", not an array");
            }
            return a;
        }
        in.context("joblib array data");
        if (s.get("numpy_array_alignment_bytes") != null) {
            int padding = in.u8();
            if (padding > 64) {
                throw new PickleException("joblib array padding of " + padding + " bytes at byte " + in.position()
                        + " is impossible (corrupt stream)");
            }
            in.skip(padding);
        }
        long bytes = Math.multiplyExact(count, (long) dtype.itemSize());
        if (bytes > in.remaining()) {
            throw new PickleException(
                    "joblib array " + java.util.Arrays.toString(shape) + " of " + dtype.describe() + " declares "
                            + bytes + " bytes but only " + in.remaining() + " remain (truncated or corrupt stream)");
        }
        return NdArray.ofBytes(dtype, shape, fortran, in.bytes(bytes));
    }
}
