package dev.slipway.pipeline.log;

/** Receives finished, masked log lines (without their line terminator). */
@FunctionalInterface
public interface LineSink {

    void line(String line);

    /** A sink that drops everything. */
    static LineSink discard() {
        return line -> {};
    }

    /** Sends every line to this sink, then to the other. */
    default LineSink and(LineSink other) {
        return line -> {
            line(line);
            other.line(line);
        };
    }
}
