package dev.slipway.runtime.xgboost;

import dev.slipway.model.NamedModelFactory;

/** The {@code XGBOOST_SERVER} runtime. */
public final class XgboostModelFactory extends NamedModelFactory {

    /** The implementation name, as in a SeldonDeployment. */
    public static final String NAME = "XGBOOST_SERVER";

    public XgboostModelFactory() {
        super(NAME, XgboostModel::new);
    }
}
