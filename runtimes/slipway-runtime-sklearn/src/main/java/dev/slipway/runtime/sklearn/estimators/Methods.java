package dev.slipway.runtime.sklearn.estimators;

import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Collectors;

/** Helpers for sets of {@link Method}s. */
public final class Methods {

    private Methods() {}

    /** All three methods. */
    public static Set<Method> all() {
        return EnumSet.allOf(Method.class);
    }

    /** The given methods. */
    public static Set<Method> of(Method first, Method... rest) {
        return EnumSet.of(first, rest);
    }

    /** {@code predict, predict_proba} style text, or {@code none}. */
    public static String names(Set<Method> methods) {
        return methods.isEmpty()
                ? "none"
                : methods.stream().sorted().map(Method::pythonName).collect(Collectors.joining(", "));
    }
}
