package dev.slipway.runtime.sklearn.pickle;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.BiPredicate;
import java.util.function.Function;

/**
 * The only globals a pickle may name: inert classes (whose instances the VM builds as {@link PyInstance}
 * without running anything) and functions implemented in Java ({@link PyFunction}). Any other global is
 * refused when the VM reads its name, before anything is built. Immutable.
 */
public final class Allowlist {

    private static final Map<String, String> MODULE_ALIASES = Map.of(
            "__builtin__",
            "builtins",
            "copy_reg",
            "copyreg",
            "numpy._core.multiarray",
            "numpy.core.multiarray",
            "numpy._core.numeric",
            "numpy.core.numeric",
            "numpy._core",
            "numpy.core");

    private final Map<String, Object> entries;
    private final List<BiPredicate<String, String>> classRules;
    private final Function<PyGlobal, PickleException> refusal;

    private Allowlist(
            Map<String, Object> entries,
            List<BiPredicate<String, String>> classRules,
            Function<PyGlobal, PickleException> refusal) {
        this.entries = entries;
        this.classRules = classRules;
        this.refusal = refusal;
    }

    public static Builder builder() {
        return new Builder();
    }

    private static String key(String module, String name) {
        return module + " " + name;
    }

    /** The module under the name this list knows it by (Python 2 and numpy 2 module names are mapped). */
    static String canonicalModule(String module) {
        return MODULE_ALIASES.getOrDefault(module, module);
    }

    /**
     * The class ({@link PyGlobal}) or function ({@link PyFunction}) this name stands for.
     *
     * @throws PickleException (usually {@link UnsafePickleException}) naming the global when it is not allowed
     */
    public Object resolve(String module, String name) {
        Object e = entries.get(key(canonicalModule(module), name));
        if (e != null) {
            return e;
        }
        for (BiPredicate<String, String> rule : classRules) {
            if (rule.test(module, name)) {
                return new PyGlobal(module, name);
            }
        }
        throw refusal.apply(new PyGlobal(module, name));
    }

    /** True when the name is allowed. */
    public boolean allows(String module, String name) {
        if (entries.containsKey(key(canonicalModule(module), name))) {
            return true;
        }
        return classRules.stream().anyMatch(r -> r.test(module, name));
    }

    /** The default refusal: an {@link UnsafePickleException} naming the global. */
    public static PickleException refuse(PyGlobal g) {
        return new UnsafePickleException(
                g.qualifiedName(),
                "global '" + g.qualifiedName() + "' is not allowed: the pickle names a function or class outside the"
                        + " allowlist (nothing was executed)");
    }

    /** Builds an {@link Allowlist}. */
    public static final class Builder {
        private final Map<String, Object> entries = new HashMap<>();
        private final List<BiPredicate<String, String>> classRules = new ArrayList<>();
        private Function<PyGlobal, PickleException> refusal = Allowlist::refuse;

        private Builder() {}

        /** Allows the classes {@code module.name} as inert types. */
        public Builder allowClass(String module, String... names) {
            for (String n : names) {
                entries.put(key(module, n), new PyGlobal(module, n));
            }
            return this;
        }

        /** Allows, as inert classes, the names this rule accepts (module, name). */
        public Builder allowClassesWhere(BiPredicate<String, String> rule) {
            classRules.add(Objects.requireNonNull(rule, "rule"));
            return this;
        }

        /** Allows {@code module.name} as a function with this Java body. */
        public Builder allowFunction(String module, String name, PyFunction.Body body) {
            PyGlobal g = new PyGlobal(module, name);
            entries.put(key(module, name), new PyFunction(g, body));
            return this;
        }

        /** How a refused global is reported (default: {@link Allowlist#refuse}). */
        public Builder refuseWith(Function<PyGlobal, PickleException> newRefusal) {
            this.refusal = Objects.requireNonNull(newRefusal, "refusal");
            return this;
        }

        public Allowlist build() {
            return new Allowlist(Collections.unmodifiableMap(new HashMap<>(entries)), List.copyOf(classRules), refusal);
        }
    }
}
