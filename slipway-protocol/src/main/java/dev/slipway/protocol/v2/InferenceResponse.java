package dev.slipway.protocol.v2;

import dev.slipway.model.Payload;
import java.util.Map;
import java.util.Objects;

/** An Open Inference Protocol response: model name and version, request id, parameters, outputs. */
public record InferenceResponse(
        String modelName, String modelVersion, String id, Map<String, Object> parameters, Payload outputs) {
    public InferenceResponse {
        Objects.requireNonNull(modelName, "modelName");
        Objects.requireNonNull(outputs, "outputs");
        parameters = Map.copyOf(parameters);
    }
}
