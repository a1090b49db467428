package dev.slipway.model;

import java.util.Objects;

/** The name, type and shape of a model input or output; {@code -1} in the shape means any size. */
public record TensorSpec(String name, DataType type, long[] shape) {
    public TensorSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        shape = shape.clone();
    }

    @Override
    public long[] shape() {
        return shape.clone();
    }
}
