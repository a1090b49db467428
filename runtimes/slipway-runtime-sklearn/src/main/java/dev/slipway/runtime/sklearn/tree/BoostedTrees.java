package dev.slipway.runtime.sklearn.tree;

import dev.slipway.model.Tensor;
import dev.slipway.runtime.sklearn.estimators.Attributes;
import dev.slipway.runtime.sklearn.estimators.Fitted;
import dev.slipway.runtime.sklearn.estimators.Labels;
import dev.slipway.runtime.sklearn.estimators.Method;
import dev.slipway.runtime.sklearn.estimators.Methods;
import dev.slipway.runtime.sklearn.estimators.Outputs;
import dev.slipway.runtime.sklearn.estimators.Rows;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * What scikit-learn's gradient-boosting estimators share: raw margins from the trees, class probabilities from
 * the margins, and the methods made of those two ({@code predict_proba}, {@code decision_function}).
 */
abstract class BoostedTrees extends Fitted {

    BoostedTrees(Attributes a, int features, @Nullable Labels classes) {
        super(a, features, classes);
    }

    /** The raw margins [n][{@link #margins()}]. */
    abstract double[][] raw(Rows x);

    /** The margins per row: one per class, or 1 for a regressor and a binary classifier. */
    abstract int margins();

    /** The class probabilities [n][classes] of raw margins. */
    abstract double[][] proba(double[][] raw);

    /** The first margin of each row. */
    static double[] column(double[][] raw) {
        double[] out = new double[raw.length];
        for (int i = 0; i < raw.length; i++) {
            out[i] = raw[i][0];
        }
        return out;
    }

    @Override
    public final Set<Method> methods() {
        return classes != null ? Methods.all() : Methods.of(Method.PREDICT);
    }

    @Override
    public final Tensor predictProba(Rows x) {
        if (classes == null) {
            throw unsupported(Method.PREDICT_PROBA);
        }
        return Outputs.matrix(proba(raw(x)), classes.size());
    }

    @Override
    public final Tensor decisionFunction(Rows x) {
        if (classes == null) {
            throw unsupported(Method.DECISION_FUNCTION);
        }
        double[][] raw = raw(x);
        return margins() == 1 ? Outputs.vector(column(raw)) : Outputs.matrix(raw, margins());
    }
}
