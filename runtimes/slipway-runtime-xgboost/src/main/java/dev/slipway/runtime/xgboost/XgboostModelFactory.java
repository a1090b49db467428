package dev.slipway.runtime.xgboost;

import dev.slipway.model.Model;
import dev.slipway.model.ModelFactory;

/** The {@code XGBOOST_SERVER} runtime. */
public final class XgboostModelFactory implements ModelFactory {

    /** The implementation name, as in a SeldonDeployment. */
    public static final String NAME = "XGBOOST_SERVER";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Model create() {
        return new XgboostModel();
    }
}
