package dev.slipway.serving.gateway;

import java.util.List;

/**
 * Splits requests between predictors by weight with smooth weighted round-robin (as nginx does): over any
 * window of {@code sum(weights)} requests each predictor gets exactly its weight, interleaved; weight 0
 * gets nothing.
 */
final class TrafficSplitter {

    private final List<PredictorRoute> predictors;
    private final int[] weights;
    private final int[] current;
    private final int total;

    TrafficSplitter(List<PredictorRoute> nonShadow) {
        this.predictors = List.copyOf(nonShadow);
        this.weights = new int[predictors.size()];
        int sum = 0;
        for (int i = 0; i < weights.length; i++) {
            // a lone predictor with no traffic set takes everything
            weights[i] =
                    predictors.size() == 1 ? 100 : Math.max(0, predictors.get(i).traffic());
            sum += weights[i];
        }
        this.total = sum;
        this.current = new int[weights.length];
    }

    /** The predictor for the next request, or null when no predictor has weight. */
    synchronized PredictorRoute next() {
        if (total == 0) {
            return null;
        }
        int best = -1;
        for (int i = 0; i < weights.length; i++) {
            current[i] += weights[i];
            if (weights[i] > 0 && (best < 0 || current[i] > current[best])) {
                best = i;
            }
        }
        current[best] -= total;
        return predictors.get(best);
    }
}
