package dev.slipway.model;

/**
 * A runtime, found with {@link java.util.ServiceLoader} under its implementation name: list the class in
 * {@code META-INF/services/dev.slipway.model.ModelFactory}. Seldon's prepackaged names
 * ({@code SKLEARN_SERVER}, {@code ONNX_SERVER}, …) are such names.
 */
public interface ModelFactory {

    /** The implementation name, as a deployment's {@code implementation} field says it. */
    String name();

    /** A new, not yet loaded model; the server calls {@link Model#load} next. */
    Model create();
}
