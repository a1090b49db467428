package dev.slipway.serving.gateway;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * What the gateway serves under {@code /seldon/{namespace}/{name}/}.
 *
 * @param namespace the namespace
 * @param name the deployment's name
 * @param predictors its predictors (non-shadow ones share traffic by weight)
 * @param timeout the per-request timeout ({@code seldon.io/rest-timeout})
 */
public record DeploymentRoute(String namespace, String name, List<PredictorRoute> predictors, Duration timeout) {

    public DeploymentRoute {
        Objects.requireNonNull(namespace, "namespace");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(timeout, "timeout");
        predictors = List.copyOf(predictors);
    }
}
