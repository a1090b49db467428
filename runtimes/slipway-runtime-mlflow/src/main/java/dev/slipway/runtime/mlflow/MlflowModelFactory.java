package dev.slipway.runtime.mlflow;

import dev.slipway.model.Model;
import dev.slipway.model.ModelFactory;

/** The {@code MLFLOW_SERVER} runtime. */
public final class MlflowModelFactory implements ModelFactory {

    /** The implementation name, as in a SeldonDeployment. */
    public static final String NAME = "MLFLOW_SERVER";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Model create() {
        return new MlflowModel();
    }
}
