package dev.slipway.runtime.onnx;

import dev.slipway.model.ModelException;
import dev.slipway.model.Payload;
import dev.slipway.model.Tensor;
import dev.slipway.model.TensorSpec;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Maps a request's tensors to a model's inputs: by name (Open Inference v2), or by position for a
 * Seldon v1 request (one unnamed tensor, which a single-input model takes whole); then checks each
 * tensor's rank and fixed dimensions against the model's.
 */
final class InputBinder {

    private final List<TensorSpec> inputs;

    InputBinder(List<TensorSpec> inputs) {
        this.inputs = List.copyOf(inputs);
    }

    /** True when the payload is a v1 request: one tensor under the default name the model does not use. */
    boolean isPositional(Payload payload) {
        return payload.tensors().size() == 1
                && payload.tensors().containsKey(Payload.DEFAULT_NAME)
                && inputs.stream().noneMatch(s -> s.name().equals(Payload.DEFAULT_NAME));
    }

    /** The request's tensors by model input name, in the model's order, each with its checked shape. */
    Map<String, Tensor> bind(Payload payload) {
        if (payload.kind() != Payload.Kind.TENSORS) {
            throw new ModelException.InvalidInput(
                    "ONNX_SERVER expects tensor data (ndarray, tensor or v2 inputs) but the request holds "
                            + payload.describe());
        }
        Map<String, Tensor> bound = new LinkedHashMap<>();
        if (isPositional(payload)) {
            if (inputs.size() != 1) {
                throw new ModelException.InvalidInput("the model has " + inputs.size() + " inputs " + names()
                        + "; send them by name (Open Inference v2 inputs)," + " not as one unnamed array");
            }
            TensorSpec spec = inputs.get(0);
            bound.put(spec.name(), checked(spec, payload.tensor()));
            return bound;
        }
        for (String name : payload.tensors().keySet()) {
            if (inputs.stream().noneMatch(s -> s.name().equals(name))) {
                throw new ModelException.InvalidInput(
                        "the model has no input named '" + name + "' (inputs: " + names() + ")");
            }
        }
        for (TensorSpec spec : inputs) {
            Tensor t = payload.tensor(spec.name());
            if (t == null) {
                throw new ModelException.InvalidInput(
                        "input '" + spec.name() + "' " + describe(spec) + " is missing (inputs: " + names() + ")");
            }
            bound.put(spec.name(), checked(spec, t));
        }
        return bound;
    }

    /**
     * The tensor, checked against the spec; a tensor one rank short of a model whose first dimension is
     * free (a single row without its batch dimension) gains a batch dimension of 1.
     */
    static Tensor checked(TensorSpec spec, Tensor t) {
        long[] expected = spec.shape();
        long[] actual = t.shape();
        if (actual.length == expected.length - 1 && expected.length > 1 && expected[0] < 0) {
            long[] withBatch = new long[actual.length + 1];
            withBatch[0] = 1;
            System.arraycopy(actual, 0, withBatch, 1, actual.length);
            if (fits(expected, withBatch)) {
                return t.reshape(withBatch);
            }
        }
        if (!fits(expected, actual)) {
            throw new ModelException.InvalidInput("input '" + spec.name() + "' expects shape " + shapeText(expected)
                    + " but the request holds " + t.describeType());
        }
        return t;
    }

    private static boolean fits(long[] expected, long[] actual) {
        if (expected.length != actual.length) {
            return false;
        }
        for (int i = 0; i < expected.length; i++) {
            if (expected[i] >= 0 && expected[i] != actual[i]) {
                return false;
            }
        }
        return true;
    }

    static String describe(TensorSpec spec) {
        return spec.type() + shapeText(spec.shape());
    }

    static String shapeText(long[] shape) {
        return Arrays.toString(Arrays.stream(shape)
                .mapToObj(d -> d < 0 ? "-1" : Long.toString(d))
                .toArray());
    }

    private List<String> names() {
        return inputs.stream().map(s -> s.name() + ": " + describe(s)).toList();
    }
}
