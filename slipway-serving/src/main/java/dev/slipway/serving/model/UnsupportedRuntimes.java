package dev.slipway.serving.model;

import java.util.Collection;
import java.util.Locale;
import java.util.Map;

/**
 * Seldon's other prepackaged server names, which Slipway does not run, with what to use instead; so a
 * spec written for Seldon fails with advice rather than a bare "unknown runtime".
 */
final class UnsupportedRuntimes {

    private static final Map<String, String> ADVICE = Map.of(
            "TENSORFLOW_SERVER", "export the model to ONNX (tf2onnx) and use ONNX_SERVER",
            "TRITON_SERVER", "use ONNX_SERVER for ONNX models, or a custom server (--class)",
            "HUGGINGFACE_SERVER", "export the model to ONNX (optimum) and use ONNX_SERVER, or write a custom server",
            "TEMPO_SERVER", "write a custom server (--class) for Python-free serving",
            "TORCH_SERVER", "export the model to ONNX (torch.onnx.export) and use ONNX_SERVER",
            "MLSERVER",
                    "use the runtime of the model's format: SKLEARN_SERVER, XGBOOST_SERVER, ONNX_SERVER or MLFLOW_SERVER",
            "LIGHTGBM_SERVER", "export the model to ONNX (onnxmltools) and use ONNX_SERVER");

    private UnsupportedRuntimes() {}

    /** The message for an implementation name that no runtime here has. */
    static String message(String implementation, Collection<String> available) {
        String key = implementation.trim().toUpperCase(Locale.ROOT);
        String supported = "supported here: " + String.join(", ", available);
        String advice = ADVICE.get(key);
        if (advice != null) {
            return "implementation " + implementation + " is a Seldon server that Slipway does not provide: " + advice
                    + " (" + supported + ")";
        }
        return "unknown implementation '" + implementation + "' (" + supported
                + "; or give a custom model class with --class and --classpath)";
    }
}
