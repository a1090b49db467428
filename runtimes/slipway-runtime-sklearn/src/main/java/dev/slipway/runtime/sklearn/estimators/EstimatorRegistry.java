package dev.slipway.runtime.sklearn.estimators;

import java.util.Collections;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * The scikit-learn classes this runtime rebuilds, by class name, and the helper classes (trees, loss
 * objects) they contain. Immutable; two factories for one name are an error.
 */
public final class EstimatorRegistry {

    private final Map<String, Function<Attributes, Estimator>> factories;
    private final Set<String> helpers;

    private EstimatorRegistry(Map<String, Function<Attributes, Estimator>> factories, Set<String> helpers) {
        this.factories = factories;
        this.helpers = helpers;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The factory for a class name, or null. */
    Function<Attributes, Estimator> factory(String className) {
        return factories.get(className);
    }

    /** The estimator class names, sorted. */
    public Set<String> estimatorClasses() {
        return factories.keySet();
    }

    /** True when a scikit-learn class of this (unqualified) name may appear in a model file. */
    public boolean allowsClass(String className) {
        return factories.containsKey(className) || helpers.contains(className);
    }

    /** Builds an {@link EstimatorRegistry}. */
    public static final class Builder {
        private final Map<String, Function<Attributes, Estimator>> factories = new TreeMap<>();
        private final Set<String> helpers = new TreeSet<>();

        private Builder() {}

        /** Registers the factory of one or more estimator classes. */
        public Builder estimator(Function<Attributes, Estimator> factory, String... classNames) {
            for (String n : classNames) {
                if (factories.putIfAbsent(n, factory) != null) {
                    throw new IllegalStateException("two factories for " + n);
                }
            }
            return this;
        }

        /** Allows helper classes that estimators read but that are not estimators themselves. */
        public Builder helper(String... classNames) {
            helpers.addAll(Set.of(classNames));
            return this;
        }

        public EstimatorRegistry build() {
            return new EstimatorRegistry(
                    Collections.unmodifiableMap(new TreeMap<>(factories)),
                    Collections.unmodifiableSet(new TreeSet<>(helpers)));
        }
    }
}
