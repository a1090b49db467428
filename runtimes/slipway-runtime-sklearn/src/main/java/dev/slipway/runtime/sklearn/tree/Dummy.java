package dev.slipway.runtime.sklearn.tree;

import dev.slipway.model.Tensor;
import dev.slipway.runtime.sklearn.estimators.Attributes;
import dev.slipway.runtime.sklearn.estimators.Estimator;
import dev.slipway.runtime.sklearn.estimators.EstimatorRegistry;
import dev.slipway.runtime.sklearn.estimators.Fitted;
import dev.slipway.runtime.sklearn.estimators.Labels;
import dev.slipway.runtime.sklearn.estimators.Method;
import dev.slipway.runtime.sklearn.estimators.Methods;
import dev.slipway.runtime.sklearn.estimators.Outputs;
import dev.slipway.runtime.sklearn.estimators.Rows;
import java.util.Arrays;
import java.util.Optional;
import java.util.Set;

/**
 * {@code DummyClassifier} (strategies prior, most_frequent, uniform, constant; not the random
 * stratified) and {@code DummyRegressor} (its {@code constant_}): gradient boosting's default init
 * estimators. Immutable.
 */
public final class Dummy extends Fitted {

    private final double[] proba;
    private final int predicted;
    private final double[] constant;

    private Dummy(String className, Labels classes, double[] proba, int predicted, double[] constant) {
        super(className, -1, classes, Optional.empty());
        this.proba = proba;
        this.predicted = predicted;
        this.constant = constant;
    }

    /** Registers the classes of this family. */
    public static void register(EstimatorRegistry.Builder b) {
        b.estimator(Dummy::classifier, "DummyClassifier");
        b.estimator(a -> new Dummy(a.className(), null, null, 0, a.doubles("constant_")), "DummyRegressor");
    }

    private static Estimator classifier(Attributes a) {
        String strategy = a.string("_strategy", a.string("strategy", "prior"));
        Labels labels = a.labels();
        double[] prior = a.doubles("class_prior_");
        int k = labels.size();
        double[] p = new double[k];
        int argmax = Outputs.argmax(prior);
        int pred = argmax;
        switch (strategy) {
            case "prior" -> p = prior.clone();
            case "most_frequent" -> p[argmax] = 1.0;
            case "uniform" -> Arrays.fill(p, 1.0 / k);
            case "constant" -> {
                Object c = a.get("constant");
                int idx = labels.asList()
                        .indexOf(c instanceof Long || c instanceof String || c instanceof Double ? c : null);
                if (idx < 0) {
                    throw a.invalid("constant", "one of classes_");
                }
                p[idx] = 1.0;
                pred = idx;
            }
            default -> throw a.unsupported("strategy", strategy);
        }
        return new Dummy(a.className(), labels, p, pred, null);
    }

    @Override
    public Set<Method> methods() {
        return classes != null ? Methods.of(Method.PREDICT, Method.PREDICT_PROBA) : Methods.of(Method.PREDICT);
    }

    @Override
    public Tensor predictProba(Rows x) {
        if (classes == null) {
            throw unsupported(Method.PREDICT_PROBA);
        }
        double[][] out = new double[x.count()][];
        for (int i = 0; i < out.length; i++) {
            out[i] = proba.clone();
        }
        return Outputs.matrix(out, proba.length);
    }

    @Override
    public Tensor predict(Rows x) {
        int n = x.count();
        if (classes != null) {
            int[] idx = new int[n];
            Arrays.fill(idx, predicted);
            return classes.take(idx);
        }
        if (constant.length == 1) {
            double[] v = new double[n];
            Arrays.fill(v, constant[0]);
            return Outputs.vector(v);
        }
        double[][] out = new double[n][];
        for (int i = 0; i < n; i++) {
            out[i] = constant.clone();
        }
        return Outputs.matrix(out, constant.length);
    }
}
