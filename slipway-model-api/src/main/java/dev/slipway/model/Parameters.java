package dev.slipway.model;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * A model's parameters, as Seldon's graph {@code parameters: [{name, type, value}]} or
 * {@code --param name=value}: text values read through typed getters whose errors name the parameter.
 */
public final class Parameters {

    private static final Parameters EMPTY = new Parameters(Map.of());

    private final Map<String, String> values;

    private Parameters(Map<String, String> values) {
        this.values = values;
    }

    public static Parameters empty() {
        return EMPTY;
    }

    /** Parameters from name → text value, in order. */
    public static Parameters of(Map<String, String> values) {
        return new Parameters(Collections.unmodifiableMap(new LinkedHashMap<>(values)));
    }

    public Set<String> names() {
        return values.keySet();
    }

    public Map<String, String> asMap() {
        return values;
    }

    public boolean has(String name) {
        return values.containsKey(name);
    }

    public Optional<String> get(String name) {
        return Optional.ofNullable(values.get(name));
    }

    public String getString(String name, String defaultValue) {
        return values.getOrDefault(name, defaultValue);
    }

    /** The value as an int, or the default when absent. */
    public int getInt(String name, int defaultValue) {
        return parse(name, defaultValue, Integer::parseInt, "an integer");
    }

    /** The value as a double, or the default when absent. */
    public double getDouble(String name, double defaultValue) {
        return parse(name, defaultValue, Double::parseDouble, "a number");
    }

    private <T> T parse(String name, T defaultValue, Function<String, T> parser, String expected) {
        String v = values.get(name);
        if (v == null) {
            return defaultValue;
        }
        try {
            return parser.apply(v.trim());
        } catch (NumberFormatException e) {
            throw invalid(name, v, expected);
        }
    }

    /** The value as a boolean ({@code true}/{@code false}, any case), or the default when absent. */
    public boolean getBoolean(String name, boolean defaultValue) {
        String v = values.get(name);
        if (v == null) {
            return defaultValue;
        }
        return switch (v.trim().toLowerCase(Locale.ROOT)) {
            case "true", "1", "yes" -> true;
            case "false", "0", "no" -> false;
            default -> throw invalid(name, v, "true or false");
        };
    }

    /** The value, which must be one of {@code allowed}, or the default when absent. */
    public String getChoice(String name, String defaultValue, Set<String> allowed) {
        String v = values.getOrDefault(name, defaultValue);
        if (!allowed.contains(v)) {
            throw new ModelException.LoadFailure(
                    "parameter '" + name + "' is '" + v + "' but must be one of " + allowed);
        }
        return v;
    }

    private static ModelException invalid(String name, String value, String expected) {
        return new ModelException.LoadFailure("parameter '" + name + "' is '" + value + "' but must be " + expected);
    }

    @Override
    public String toString() {
        return values.toString();
    }
}
