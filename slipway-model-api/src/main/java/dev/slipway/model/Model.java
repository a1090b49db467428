package dev.slipway.model;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A model served by Slipway: the Java counterpart of Seldon's {@code SeldonComponent}.
 *
 * <p>Only {@link #predict} is required. A server calls {@link #load} once before any request and
 * {@link #close} once at shutdown; the other methods may be called concurrently from many threads, so
 * an implementation keeps its loaded state immutable (or synchronises it).
 *
 * <p>Throw {@link ModelException.InvalidInput} when a request does not fit the model (the caller gets a
 * 400 naming the problem); any other exception is the model's own failure (500 with its message).
 */
public interface Model extends AutoCloseable {

    /** Loads the model from {@code context} (its folder, its parameters). Called once, before requests. */
    default void load(ModelContext context) throws Exception {}

    /** The prediction for one request (which may hold many rows). */
    Payload predict(Payload input);

    /** A Seldon TRANSFORMER: transforms the request before the next node sees it. Default: unchanged. */
    default Payload transformInput(Payload input) {
        return input;
    }

    /** A Seldon OUTPUT_TRANSFORMER: transforms the response on its way back. Default: unchanged. */
    default Payload transformOutput(Payload output) {
        return output;
    }

    /** A Seldon ROUTER: the index of the child that takes this request ({@code -1}: all children). */
    default int route(Payload input) {
        throw new ModelException.Unsupported("this model is not a router (it does not implement route)");
    }

    /** A Seldon COMBINER: one response made of the children's responses. */
    default Payload aggregate(List<Payload> outputs) {
        throw new ModelException.Unsupported("this model is not a combiner (it does not implement aggregate)");
    }

    /**
     * Feedback on an earlier prediction. Returns what to answer, or empty for Seldon's default
     * {@code {"data":{"ndarray":[]}}}.
     */
    default Optional<Payload> sendFeedback(Feedback feedback) {
        return Optional.empty();
    }

    /** Custom metrics to record with the response just computed (on the thread that computed it). */
    default List<Metric> metrics() {
        return List.of();
    }

    /** Tags to add to every response's {@code meta.tags}. */
    default Map<String, Object> tags() {
        return Map.of();
    }

    /**
     * The answer of {@code /health/status}: a payload, or empty for Seldon's "not implemented - assuming
     * healthy". Throwing marks the model unhealthy.
     */
    default Optional<Payload> healthStatus() {
        return Optional.empty();
    }

    /** True when the model can serve requests (readiness). */
    default boolean ready() {
        return true;
    }

    /** What the model says of itself. */
    default ModelMetadata metadata() {
        return ModelMetadata.of("custom");
    }

    /** Releases what {@link #load} acquired. */
    @Override
    default void close() throws Exception {}

    /**
     * The state {@link #load} made, for a method that needs it: {@code Model.loaded(loaded, "the ONNX model")}.
     *
     * @throws IllegalStateException naming the model when it was not loaded, or was closed
     */
    static <T> T loaded(@Nullable T state, String model) {
        if (state == null) {
            throw new IllegalStateException(model + " is not loaded (or was closed)");
        }
        return state;
    }
}
