package dev.slipway.runtime.onnx;

import dev.slipway.model.NamedModelFactory;

/** The {@code ONNX_SERVER} runtime. */
public final class OnnxModelFactory extends NamedModelFactory {

    /** The implementation name, as in a SeldonDeployment. */
    public static final String NAME = "ONNX_SERVER";

    public OnnxModelFactory() {
        super(NAME, OnnxModel::new);
    }
}
