package dev.slipway.runtime.sklearn.linear;

import dev.slipway.model.Tensor;
import dev.slipway.runtime.sklearn.estimators.Attributes;
import dev.slipway.runtime.sklearn.estimators.EstimatorRegistry;
import dev.slipway.runtime.sklearn.estimators.Fitted;
import dev.slipway.runtime.sklearn.estimators.Method;
import dev.slipway.runtime.sklearn.estimators.Methods;
import dev.slipway.runtime.sklearn.estimators.Outputs;
import dev.slipway.runtime.sklearn.estimators.Rows;
import java.util.Set;

/**
 * Linear regressors: predict = X @ coef_.T + intercept_, 1-D for a 1-D {@code coef_}, else [n, targets].
 */
public final class LinearRegressor extends Fitted {

    private final LinearKernel kernel;

    private LinearRegressor(String className, LinearKernel kernel, Attributes attrs) {
        super(className, kernel.features(), null, attrs.featureNamesIn());
        this.kernel = kernel;
    }

    /** Registers the classes of this family. */
    public static void register(EstimatorRegistry.Builder b) {
        b.estimator(
                a -> new LinearRegressor(a.className(), LinearKernel.of(a), a),
                "LinearRegression",
                "Ridge",
                "RidgeCV",
                "Lasso",
                "LassoCV",
                "ElasticNet",
                "ElasticNetCV",
                "SGDRegressor",
                "LinearSVR",
                "HuberRegressor",
                "BayesianRidge",
                "ARDRegression",
                "Lars",
                "LarsCV",
                "LassoLars",
                "LassoLarsCV",
                "LassoLarsIC",
                "OrthogonalMatchingPursuit",
                "TheilSenRegressor",
                "PassiveAggressiveRegressor");
    }

    @Override
    public Set<Method> methods() {
        return Methods.of(Method.PREDICT);
    }

    @Override
    public Tensor predict(Rows x) {
        double[][] s = kernel.scores(x, className);
        if (kernel.coefIs1d()) {
            double[] out = new double[s.length];
            for (int i = 0; i < s.length; i++) {
                out[i] = s[i][0];
            }
            return Outputs.vector(out);
        }
        return Outputs.matrix(s, kernel.outputs());
    }
}
