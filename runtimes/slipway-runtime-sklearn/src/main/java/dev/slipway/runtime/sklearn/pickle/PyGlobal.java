package dev.slipway.runtime.sklearn.pickle;

import java.util.Objects;

/**
 * A reference to an allowed Python class or function, as named by {@code GLOBAL}/{@code STACK_GLOBAL};
 * it is only ever a name, never something that runs.
 *
 * @param module the module, e.g. {@code sklearn.linear_model._logistic}
 * @param name the qualified name inside the module, e.g. {@code LogisticRegression}
 */
public record PyGlobal(String module, String name) {

    public PyGlobal {
        Objects.requireNonNull(module, "module");
        Objects.requireNonNull(name, "name");
    }

    /** {@code module.name}. */
    public String qualifiedName() {
        return module + "." + name;
    }

    @Override
    public String toString() {
        return qualifiedName();
    }
}
