package dev.slipway.runtime.onnx;

import dev.slipway.model.Model;
import dev.slipway.model.ModelFactory;

/** The {@code ONNX_SERVER} runtime. */
public final class OnnxModelFactory implements ModelFactory {

    /** The implementation name, as in a SeldonDeployment. */
    public static final String NAME = "ONNX_SERVER";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Model create() {
        return new OnnxModel();
    }
}
