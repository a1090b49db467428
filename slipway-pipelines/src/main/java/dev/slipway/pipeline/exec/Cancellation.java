package dev.slipway.pipeline.exec;

/** Asked while a step runs: true once the run is to be cancelled. */
@FunctionalInterface
public interface Cancellation {

    boolean isCancelled();

    static Cancellation never() {
        return () -> false;
    }
}
