package dev.slipway.runtime.sklearn.estimators;

import java.util.Locale;

/** The prediction methods Seldon's SKLEARN_SERVER calls, chosen by its {@code method} parameter. */
public enum Method {
    PREDICT,
    PREDICT_PROBA,
    DECISION_FUNCTION;

    /** The scikit-learn method name, e.g. {@code predict_proba}. */
    public String pythonName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
