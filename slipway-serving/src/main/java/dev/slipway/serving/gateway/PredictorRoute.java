package dev.slipway.serving.gateway;

import java.util.Objects;

/**
 * A predictor as the gateway routes to it.
 *
 * @param name its name
 * @param version its {@code version} label ({@code predictor_version} in metrics), or empty
 * @param traffic its weight among non-shadow predictors
 * @param shadow true when it only receives copies
 * @param graph its graph
 */
public record PredictorRoute(String name, String version, int traffic, boolean shadow, GraphRoute graph) {

    public PredictorRoute {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(graph, "graph");
    }
}
