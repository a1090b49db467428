package dev.slipway.serving.http;

/**
 * One operation of the route table.
 *
 * @param service the metrics name of the operation ({@code predictions}, {@code infer}, …)
 * @param style how errors are written
 * @param blocking true when the handler calls the model (it then runs on a worker thread, bounded by
 *     the request timeout), false for cheap handlers run on the event loop
 * @param handler the operation
 */
public record Endpoint(String service, ErrorStyle style, boolean blocking, Handler handler) {

    /** The operation itself. */
    @FunctionalInterface
    public interface Handler {
        Reply handle(Request request) throws Exception;
    }
}
