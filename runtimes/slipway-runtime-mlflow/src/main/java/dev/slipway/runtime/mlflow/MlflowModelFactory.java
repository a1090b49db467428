package dev.slipway.runtime.mlflow;

import dev.slipway.model.NamedModelFactory;

/** The {@code MLFLOW_SERVER} runtime. */
public final class MlflowModelFactory extends NamedModelFactory {

    /** The implementation name, as in a SeldonDeployment. */
    public static final String NAME = "MLFLOW_SERVER";

    public MlflowModelFactory() {
        super(NAME, MlflowModel::new);
    }
}
