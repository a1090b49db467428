package dev.slipway.protocol.v2;

import dev.slipway.model.Payload;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * An Open Inference Protocol request: id, parameters, the inputs as named tensors, and the outputs asked
 * for (empty: all).
 */
public record InferenceRequest(
        String id, Map<String, Object> parameters, Payload inputs, List<String> requestedOutputs) {
    public InferenceRequest {
        Objects.requireNonNull(inputs, "inputs");
        parameters = Map.copyOf(parameters);
        requestedOutputs = List.copyOf(requestedOutputs);
    }
}
