package dev.slipway.runtime.sklearn;

import dev.slipway.model.NamedModelFactory;

/** The {@code SKLEARN_SERVER} runtime: scikit-learn joblib/pickle models read in pure Java. */
public final class SklearnModelFactory extends NamedModelFactory {

    /** The implementation name. */
    public static final String NAME = "SKLEARN_SERVER";

    public SklearnModelFactory() {
        super(NAME, SklearnModel::new);
    }
}
