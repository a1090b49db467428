package dev.slipway.model;

import java.util.Map;
import java.util.Objects;

/**
 * A custom metric a model reports with a response, as Seldon's {@code metrics()}: a {@link Type#COUNTER}
 * is added to, a {@link Type#GAUGE} is set, a {@link Type#TIMER} (milliseconds) is observed.
 */
public record Metric(String key, Type type, double value, Map<String, String> tags) {

    /** The metric kinds of Seldon's {@code meta.metrics}. */
    public enum Type {
        COUNTER,
        GAUGE,
        TIMER
    }

    public Metric {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(type, "type");
        tags = Map.copyOf(tags);
        if (key.isBlank()) {
            throw new IllegalArgumentException("metric key is blank");
        }
    }

    public static Metric counter(String key, double value) {
        return new Metric(key, Type.COUNTER, value, Map.of());
    }

    public static Metric gauge(String key, double value) {
        return new Metric(key, Type.GAUGE, value, Map.of());
    }

    public static Metric timer(String key, double millis) {
        return new Metric(key, Type.TIMER, millis, Map.of());
    }
}
