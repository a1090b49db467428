package dev.slipway.runtime.sklearn;

import dev.slipway.model.Model;
import dev.slipway.model.ModelFactory;

/** The {@code SKLEARN_SERVER} runtime: scikit-learn joblib/pickle models read in pure Java. */
public final class SklearnModelFactory implements ModelFactory {

    /** The implementation name. */
    public static final String NAME = "SKLEARN_SERVER";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Model create() {
        return new SklearnModel();
    }
}
