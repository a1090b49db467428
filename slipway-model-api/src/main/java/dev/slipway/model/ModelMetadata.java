package dev.slipway.model;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What a model says of itself: served at {@code /api/v1.0/metadata} and {@code /v2/models/{name}}.
 *
 * @param platform the runtime, e.g. {@code sklearn} or {@code onnx}
 * @param versions model versions, may be empty
 * @param inputs expected inputs, may be empty when unknown
 * @param outputs produced outputs, may be empty when unknown
 * @param custom free-form facts (classes, number of features, …) with JSON-compatible values
 */
public record ModelMetadata(
        String platform,
        List<String> versions,
        List<TensorSpec> inputs,
        List<TensorSpec> outputs,
        Map<String, Object> custom) {

    public ModelMetadata {
        Objects.requireNonNull(platform, "platform");
        versions = List.copyOf(versions);
        inputs = List.copyOf(inputs);
        outputs = List.copyOf(outputs);
        custom = Map.copyOf(custom);
    }

    /** Metadata that says nothing but the platform. */
    public static ModelMetadata of(String platform) {
        return new ModelMetadata(platform, List.of(), List.of(), List.of(), Map.of());
    }
}
