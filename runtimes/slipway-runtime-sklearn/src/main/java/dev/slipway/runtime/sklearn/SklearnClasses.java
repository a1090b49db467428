package dev.slipway.runtime.sklearn;

import dev.slipway.runtime.sklearn.bayes.NaiveBayes;
import dev.slipway.runtime.sklearn.compose.ColumnTransformer;
import dev.slipway.runtime.sklearn.compose.FeatureUnion;
import dev.slipway.runtime.sklearn.compose.Pipeline;
import dev.slipway.runtime.sklearn.estimators.EstimatorRegistry;
import dev.slipway.runtime.sklearn.linear.LinearClassifier;
import dev.slipway.runtime.sklearn.linear.LinearRegressor;
import dev.slipway.runtime.sklearn.neighbors.Neighbors;
import dev.slipway.runtime.sklearn.neural.Mlp;
import dev.slipway.runtime.sklearn.pickle.Allowlist;
import dev.slipway.runtime.sklearn.pickle.PickleException;
import dev.slipway.runtime.sklearn.pickle.StandardGlobals;
import dev.slipway.runtime.sklearn.preprocessing.Encoders;
import dev.slipway.runtime.sklearn.preprocessing.Normalizer;
import dev.slipway.runtime.sklearn.preprocessing.Scaler;
import dev.slipway.runtime.sklearn.preprocessing.SimpleImputer;
import dev.slipway.runtime.sklearn.svm.Svm;
import dev.slipway.runtime.sklearn.text.CountVectorizer;
import dev.slipway.runtime.sklearn.text.HashingVectorizer;
import dev.slipway.runtime.sklearn.text.TfidfTransformer;
import dev.slipway.runtime.sklearn.tree.Dummy;
import dev.slipway.runtime.sklearn.tree.Forest;
import dev.slipway.runtime.sklearn.tree.GradientBoosting;
import dev.slipway.runtime.sklearn.tree.HistGradientBoosting;

/**
 * The scikit-learn classes SKLEARN_SERVER rebuilds, and the pickle allowlist they imply: the standard
 * numpy/builtins names plus any {@code sklearn.*} class whose name is a supported estimator or helper.
 * Other {@code sklearn.*} classes are reported as unsupported; everything else as unsafe.
 */
final class SklearnClasses {

    private SklearnClasses() {}

    static EstimatorRegistry registry() {
        EstimatorRegistry.Builder b = EstimatorRegistry.builder();
        Pipeline.register(b);
        LinearClassifier.register(b);
        LinearRegressor.register(b);
        Scaler.register(b);
        CountVectorizer.register(b);
        TfidfTransformer.register(b);
        HashingVectorizer.register(b);
        Normalizer.register(b);
        NaiveBayes.register(b);
        Forest.register(b);
        GradientBoosting.register(b);
        Dummy.register(b);
        Svm.register(b);
        Neighbors.register(b);
        Mlp.register(b);
        HistGradientBoosting.register(b);
        ColumnTransformer.register(b);
        FeatureUnion.register(b);
        Encoders.register(b);
        SimpleImputer.register(b);
        return b.build();
    }

    static Allowlist allowlist(EstimatorRegistry registry) {
        return StandardGlobals.builder()
                .allowClassesWhere((module, name) -> isSklearn(module) && registry.allowsClass(name))
                .refuseWith(g -> isSklearn(g.module())
                        ? new PickleException(
                                "scikit-learn class '" + g.qualifiedName() + "' is not supported by SKLEARN_SERVER"
                                        + " (supported: " + String.join(", ", registry.estimatorClasses()) + ")")
                        : Allowlist.refuse(g))
                .build();
    }

    private static boolean isSklearn(String module) {
        return module.equals("sklearn") || module.startsWith("sklearn.");
    }
}
