package dev.slipway.runtime.onnx;

import ai.onnxruntime.OnnxJavaType;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.TensorInfo;
import dev.slipway.model.DataType;
import dev.slipway.model.ModelException;
import dev.slipway.model.Tensor;
import java.lang.reflect.Array;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;
import java.nio.IntBuffer;
import java.nio.LongBuffer;
import java.nio.ShortBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/** Conversions between Slipway {@link Tensor}s and ONNX Runtime tensors, casting to the model's type. */
final class OnnxTypes {

    private OnnxTypes() {}

    /** The Slipway type of an ONNX element type, if Slipway has one. */
    static Optional<DataType> dataType(TensorInfo.OnnxTensorType t) {
        return Optional.ofNullable(slipwayType(t));
    }

    private static @Nullable DataType slipwayType(TensorInfo.OnnxTensorType t) {
        return switch (t) {
            case ONNX_TENSOR_ELEMENT_DATA_TYPE_FLOAT -> DataType.FP32;
            case ONNX_TENSOR_ELEMENT_DATA_TYPE_DOUBLE -> DataType.FP64;
            case ONNX_TENSOR_ELEMENT_DATA_TYPE_FLOAT16 -> DataType.FP16;
            case ONNX_TENSOR_ELEMENT_DATA_TYPE_INT8 -> DataType.INT8;
            case ONNX_TENSOR_ELEMENT_DATA_TYPE_UINT8 -> DataType.UINT8;
            case ONNX_TENSOR_ELEMENT_DATA_TYPE_INT16 -> DataType.INT16;
            case ONNX_TENSOR_ELEMENT_DATA_TYPE_INT32 -> DataType.INT32;
            case ONNX_TENSOR_ELEMENT_DATA_TYPE_INT64 -> DataType.INT64;
            case ONNX_TENSOR_ELEMENT_DATA_TYPE_BOOL -> DataType.BOOL;
            case ONNX_TENSOR_ELEMENT_DATA_TYPE_STRING -> DataType.STRING;
            default -> null;
        };
    }

    /**
     * An ONNX tensor of {@code type} holding {@code t}'s elements: numbers are cast (FP64 → float32, …),
     * integer inputs refuse fractional values, text inputs refuse numbers.
     */
    static OnnxTensor toOnnx(OrtEnvironment env, String input, Tensor t, DataType type, long[] shape)
            throws OrtException {
        int n = t.size();
        switch (type) {
            case FP32 -> {
                return OnnxTensor.createTensor(
                        env, FloatBuffer.wrap(numeric(input, t, type).toFloats()), shape);
            }
            case FP64 -> {
                return OnnxTensor.createTensor(
                        env, DoubleBuffer.wrap(numeric(input, t, type).toDoubles()), shape);
            }
            case INT64 -> {
                long[] v = t.type().storage() == DataType.Storage.LONG ? t.longs() : new long[n];
                if (v != t.storage()) {
                    for (int i = 0; i < n; i++) {
                        v[i] = (long) integral(input, t, i, Long.MIN_VALUE, Long.MAX_VALUE);
                    }
                }
                return OnnxTensor.createTensor(env, LongBuffer.wrap(v), shape);
            }
            case INT32 -> {
                int[] v = new int[n];
                for (int i = 0; i < n; i++) {
                    v[i] = (int) integral(input, t, i, Integer.MIN_VALUE, Integer.MAX_VALUE);
                }
                return OnnxTensor.createTensor(env, IntBuffer.wrap(v), shape);
            }
            case INT16 -> {
                short[] v = new short[n];
                for (int i = 0; i < n; i++) {
                    v[i] = (short) integral(input, t, i, Short.MIN_VALUE, Short.MAX_VALUE);
                }
                return OnnxTensor.createTensor(env, ShortBuffer.wrap(v), shape);
            }
            case INT8, UINT8 -> {
                ByteBuffer v = ByteBuffer.allocateDirect(n).order(ByteOrder.nativeOrder());
                double lo = type == DataType.INT8 ? Byte.MIN_VALUE : 0;
                double hi = type == DataType.INT8 ? Byte.MAX_VALUE : 255;
                for (int i = 0; i < n; i++) {
                    v.put(i, (byte) (long) integral(input, t, i, lo, hi));
                }
                return OnnxTensor.createTensor(
                        env, v, shape, type == DataType.INT8 ? OnnxJavaType.INT8 : OnnxJavaType.UINT8);
            }
            case BOOL -> {
                ByteBuffer v = ByteBuffer.allocateDirect(n).order(ByteOrder.nativeOrder());
                for (int i = 0; i < n; i++) {
                    v.put(i, (byte) (numeric(input, t, type).getDouble(i) != 0 ? 1 : 0));
                }
                return OnnxTensor.createTensor(env, v, shape, OnnxJavaType.BOOL);
            }
            case STRING -> {
                if (t.type().isNumeric() || t.type() == DataType.BOOL) {
                    throw new ModelException.InvalidInput(
                            "input '" + input + "' expects text (STRING) but the request holds " + t.describeType());
                }
                return OnnxTensor.createTensor(env, t.toStrings(), shape);
            }
            default ->
                throw new ModelException.Unsupported(
                        "input '" + input + "' has element type " + type + ", which ONNX_SERVER cannot feed yet");
        }
    }

    private static Tensor numeric(String input, Tensor t, DataType expected) {
        if (!t.type().isNumeric() && t.type() != DataType.BOOL) {
            throw new ModelException.InvalidInput("input '" + input + "' expects numbers (" + expected
                    + ") but the request holds " + t.describeType());
        }
        return t;
    }

    private static double integral(String input, Tensor t, int i, double lo, double hi) {
        double d = numeric(input, t, DataType.INT64).getDouble(i);
        if (d != Math.rint(d) || d < lo || d > hi) {
            throw new ModelException.InvalidInput("input '" + input + "' expects integers in [" + (long) lo + ", "
                    + (long) hi + "] but element " + i + " is " + t.elementText(i));
        }
        return d;
    }

    /** A Slipway tensor holding an ONNX Runtime output tensor's elements. */
    static Tensor fromOnnx(String output, OnnxTensor o) throws OrtException {
        TensorInfo info = o.getInfo();
        long[] shape = info.getShape();
        DataType type = dataType(info.onnxType)
                .orElseThrow(() -> new ModelException(
                        "output '" + output + "' has element type " + info.onnxType + ", which Slipway cannot return"));
        return switch (type) {
            case FP32, FP16 -> Tensor.ofFloats(copy(o.getFloatBuffer()), shape);
            case FP64 -> {
                DoubleBuffer b = o.getDoubleBuffer();
                double[] v = new double[b.remaining()];
                b.get(v);
                yield Tensor.ofDoubles(v, shape);
            }
            case INT64 -> {
                LongBuffer b = o.getLongBuffer();
                long[] v = new long[b.remaining()];
                b.get(v);
                yield Tensor.ofLongs(v, shape);
            }
            case INT32 -> {
                IntBuffer b = o.getIntBuffer();
                int[] v = new int[b.remaining()];
                b.get(v);
                yield Tensor.ofInts(v, shape);
            }
            case INT16 -> {
                ShortBuffer b = o.getShortBuffer();
                int[] v = new int[b.remaining()];
                for (int i = 0; i < v.length; i++) {
                    v[i] = b.get(i);
                }
                yield Tensor.of(DataType.INT16, v, shape);
            }
            case INT8, UINT8 -> {
                ByteBuffer b = o.getByteBuffer();
                int[] v = new int[b.remaining()];
                for (int i = 0; i < v.length; i++) {
                    v[i] = type == DataType.UINT8 ? b.get(i) & 0xFF : b.get(i);
                }
                yield Tensor.of(type, v, shape);
            }
            case BOOL -> {
                ByteBuffer b = o.getByteBuffer();
                boolean[] v = new boolean[b.remaining()];
                for (int i = 0; i < v.length; i++) {
                    v[i] = b.get(i) != 0;
                }
                yield Tensor.ofBooleans(v, shape);
            }
            case STRING -> {
                List<String> flat = new ArrayList<>();
                flatten(o.getValue(), flat);
                yield Tensor.ofStrings(flat.toArray(String[]::new), shape);
            }
            default ->
                throw new ModelException(
                        "output '" + output + "' has element type " + type + ", which Slipway cannot return");
        };
    }

    private static float[] copy(FloatBuffer b) {
        float[] v = new float[b.remaining()];
        b.get(v);
        return v;
    }

    private static void flatten(Object value, List<String> out) {
        if (value instanceof String s) {
            out.add(s);
        } else if (value != null && value.getClass().isArray()) {
            for (int i = 0; i < Array.getLength(value); i++) {
                flatten(Array.get(value, i), out);
            }
        }
    }
}
