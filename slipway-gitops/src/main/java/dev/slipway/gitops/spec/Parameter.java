package dev.slipway.gitops.spec;

import java.util.Objects;

/**
 * A typed graph-node parameter, e.g. {@code {name: method, type: STRING, value: predict}}.
 *
 * @param name its name
 * @param type its type
 * @param value its value as written (already checked against the type)
 */
public record Parameter(String name, Type type, String value) {

    public Parameter {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(value, "value");
    }

    /** The value as a Java object of the parameter's type. */
    public Object typedValue() {
        return type.parse(value);
    }

    private static final com.fasterxml.jackson.databind.ObjectReader JSON_READER =
            dev.slipway.support.Mappers.json().reader();

    /** Seldon's parameter types. */
    public enum Type {
        INT,
        FLOAT,
        DOUBLE,
        STRING,
        BOOL,
        /** A JSON document (Seldon's Python wrapper passes it parsed; the value is the JSON text). */
        JSON;

        /**
         * Parses {@code text} as this type.
         *
         * @throws IllegalArgumentException naming the expected form
         */
        public Object parse(String text) {
            switch (this) {
                case INT:
                    try {
                        return Integer.parseInt(text.trim());
                    } catch (NumberFormatException e) {
                        throw new IllegalArgumentException("'" + text + "' is not an INT (a 32-bit integer)");
                    }
                case FLOAT:
                case DOUBLE:
                    try {
                        final double d = Double.parseDouble(text.trim());
                        if (Double.isNaN(d) && !text.trim().equalsIgnoreCase("nan")) {
                            throw new NumberFormatException();
                        }
                        return this == FLOAT ? (Object) (float) d : (Object) d;
                    } catch (NumberFormatException e) {
                        throw new IllegalArgumentException("'" + text + "' is not a " + name() + " (a number)");
                    }
                case BOOL:
                    if (text.equalsIgnoreCase("true") || text.equalsIgnoreCase("false")) {
                        return Boolean.parseBoolean(text);
                    }
                    throw new IllegalArgumentException("'" + text + "' is not a BOOL (true or false)");
                case JSON:
                    try {
                        return JSON_READER.readTree(text);
                    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                        throw new IllegalArgumentException(
                                "'" + text + "' is not JSON (" + e.getOriginalMessage() + ")");
                    }
                default:
                    return text;
            }
        }
    }
}
