package dev.slipway.runtime.sklearn.estimators;

import dev.slipway.model.ModelException;
import dev.slipway.model.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * A fitted scikit-learn estimator rebuilt in Java: a transformer, a predictor, or both (a pipeline).
 * Implementations hold only immutable state and are safe to call from many threads.
 */
public interface Estimator {

    /** The scikit-learn class name, e.g. {@code LogisticRegression}. */
    String className();

    /** The class names of this estimator and the ones inside it, outermost first. */
    default List<String> classNames() {
        return List.of(className());
    }

    /** {@code outer}, then the {@link #classNames} of each estimator inside it (nulls skipped), in order. */
    static List<String> classNames(String outer, List<? extends @Nullable Estimator> inner) {
        List<String> out = new ArrayList<>();
        out.add(outer);
        for (Estimator e : inner) {
            if (e != null) {
                out.addAll(e.classNames());
            }
        }
        return out;
    }

    /** The prediction methods this estimator has (empty for a pure transformer). */
    default Set<Method> methods() {
        return Set.of();
    }

    /** Whether {@link #transform} is available. */
    default boolean isTransformer() {
        return false;
    }

    /** The number of input features, when known. */
    default Optional<Integer> nFeaturesIn() {
        return Optional.empty();
    }

    /** Whether the estimator reads text documents rather than numbers. */
    default boolean takesText() {
        return false;
    }

    /**
     * Whether the estimator reads a table whose cells may be text (categorical encoders, imputers, column
     * transformers), so that a request of strings is passed as {@link TableRows} rather than refused.
     */
    default boolean takesTable() {
        return false;
    }

    /** The class labels of a classifier. */
    default Optional<Labels> classes() {
        return Optional.empty();
    }

    /** The feature names seen in fit ({@code feature_names_in_}), when present. */
    default Optional<List<String>> featureNamesIn() {
        return Optional.empty();
    }

    /** {@code transform(X)}. */
    default Rows transform(Rows x) {
        throw new ModelException.Unsupported(className() + " has no transform");
    }

    /** {@code predict(X)}: labels for a classifier, values for a regressor. */
    default Tensor predict(Rows x) {
        throw unsupported(Method.PREDICT);
    }

    /** {@code predict_proba(X)}: [n, n_classes] float64. */
    default Tensor predictProba(Rows x) {
        throw unsupported(Method.PREDICT_PROBA);
    }

    /** {@code decision_function(X)}: [n, k] float64, or [n] for a binary classifier. */
    default Tensor decisionFunction(Rows x) {
        throw unsupported(Method.DECISION_FUNCTION);
    }

    /** Calls the given method. */
    default Tensor call(Method m, Rows x) {
        return switch (m) {
            case PREDICT -> predict(x);
            case PREDICT_PROBA -> predictProba(x);
            case DECISION_FUNCTION -> decisionFunction(x);
        };
    }

    /** The error for a method this estimator lacks. */
    default ModelException.Unsupported unsupported(Method m) {
        return new ModelException.Unsupported(
                className() + " has no " + m.pythonName() + " (it has: " + Methods.names(methods()) + ")");
    }
}
