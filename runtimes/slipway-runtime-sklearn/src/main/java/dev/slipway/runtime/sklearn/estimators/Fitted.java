package dev.slipway.runtime.sklearn.estimators;

import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * What every fitted predictor records from {@code fit()}: its scikit-learn class, the number of input features, the
 * class labels of a classifier and {@code feature_names_in_}; and the {@link Estimator} accessors for them, once.
 */
public abstract class Fitted implements Estimator {

    /** The scikit-learn class name. */
    protected final String className;

    /** The number of input features; negative when the fitted estimator does not record it. */
    protected final int features;

    /** The labels of a classifier; {@code null} for a regressor. */
    protected final @Nullable Labels classes;

    /** {@code feature_names_in_}, when fit saw a table with column names. */
    protected final Optional<List<String>> featureNames;

    protected Fitted(String className, int features, @Nullable Labels classes, Optional<List<String>> featureNames) {
        this.className = className;
        this.features = features;
        this.classes = classes;
        this.featureNames = featureNames;
    }

    /** The class name and {@code feature_names_in_} read from the pickled attributes. */
    protected Fitted(Attributes a, int features, @Nullable Labels classes) {
        this(a.className(), features, classes, a.featureNamesIn());
    }

    @Override
    public final String className() {
        return className;
    }

    @Override
    public final Optional<Integer> nFeaturesIn() {
        return features >= 0 ? Optional.of(features) : Optional.empty();
    }

    @Override
    public final Optional<Labels> classes() {
        return Optional.ofNullable(classes);
    }

    @Override
    public final Optional<List<String>> featureNamesIn() {
        return featureNames;
    }
}
