package dev.slipway.runtime.sklearn.estimators;

import dev.slipway.model.ModelException;
import dev.slipway.runtime.sklearn.pickle.PickleException;
import dev.slipway.runtime.sklearn.pickle.PyInstance;
import dev.slipway.runtime.sklearn.pickle.PyObjects;
import java.util.function.Function;

/** Turns unpickled instances into {@link Estimator}s through the registry, with a bound on nesting. */
public final class Converter {

    private final EstimatorRegistry registry;
    private final int depth;
    private final int maxDepth;

    private Converter(EstimatorRegistry registry, int depth, int maxDepth) {
        this.registry = registry;
        this.depth = depth;
        this.maxDepth = maxDepth;
    }

    /** A converter that accepts estimators nested at most {@code maxDepth} deep. */
    public static Converter of(EstimatorRegistry registry, int maxDepth) {
        return new Converter(registry, 0, maxDepth);
    }

    /**
     * The estimator this value is.
     *
     * @throws ModelException.LoadFailure naming {@code where} and the class when it is not an estimator this
     *     runtime supports, or its attributes do not fit
     */
    public Estimator convert(Object value, String where) {
        if (!(value instanceof PyInstance inst)) {
            throw new ModelException.LoadFailure(where + " is " + PyObjects.typeName(value) + " "
                    + PyObjects.describe(value) + ", not an estimator");
        }
        if (depth >= maxDepth) {
            throw new ModelException.LoadFailure("estimators nest more than " + maxDepth + " deep at " + where);
        }
        Function<Attributes, Estimator> f = registry.factory(inst.className());
        if (f == null) {
            throw new ModelException.LoadFailure(
                    "scikit-learn class '" + inst.type().qualifiedName() + "' (at " + where + ") is not supported by"
                            + " SKLEARN_SERVER (supported: " + String.join(", ", registry.estimatorClasses()) + ")");
        }
        try {
            return f.apply(new Attributes(inst, new Converter(registry, depth + 1, maxDepth)));
        } catch (PickleException
                | ArithmeticException
                | IndexOutOfBoundsException
                | IllegalArgumentException
                | ClassCastException
                | NullPointerException e) {
            throw new ModelException.LoadFailure(
                    inst.className() + " at " + where + " has inconsistent attributes: " + e.getMessage(), e);
        }
    }
}
