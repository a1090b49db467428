package dev.slipway.console.view;

import java.util.List;

/**
 * A deployment's gateway traffic over the last 15 minutes, one point per sample.
 *
 * @param rate requests per second
 * @param p50 median latency in milliseconds (bucket upper bound)
 * @param p99 99th percentile latency in milliseconds (bucket upper bound)
 * @param errors answers with a 4xx or 5xx status per second
 */
public record Traffic(List<Double> rate, List<Double> p50, List<Double> p99, List<Double> errors) {

    public Traffic {
        rate = List.copyOf(rate);
        p50 = List.copyOf(p50);
        p99 = List.copyOf(p99);
        errors = List.copyOf(errors);
    }

    public static Traffic none() {
        return new Traffic(List.of(), List.of(), List.of(), List.of());
    }

    /** The largest value of a series, or 0. */
    public static double peak(List<Double> series) {
        return series.stream().mapToDouble(Double::doubleValue).max().orElse(0);
    }

    /** The last value of a series, or 0. */
    public static double last(List<Double> series) {
        return series.isEmpty() ? 0 : series.get(series.size() - 1);
    }
}
