package dev.slipway.gitops.spec;

import java.util.List;
import java.util.Map;

/**
 * {@code spec} of a SeldonDeployment.
 *
 * @param name the deprecated {@code spec.name}, or null
 * @param predictors the predictors, in order
 * @param annotations {@code spec.annotations} (e.g. {@code seldon.io/rest-timeout})
 * @param protocol {@code seldon} (default), {@code tensorflow}, {@code kfserving} or {@code v2}
 * @param transport {@code rest} (default) or {@code grpc}
 * @param replicas the deployment-wide replica count, or null
 * @param serverType {@code rpc} (default) or {@code kafka}
 * @param oauthKey {@code oauth_key}, or null
 * @param oauthSecret {@code oauth_secret}, or null
 */
public record DeploymentSpec(
        String name,
        List<PredictorSpec> predictors,
        Map<String, String> annotations,
        String protocol,
        String transport,
        Integer replicas,
        String serverType,
        String oauthKey,
        String oauthSecret) {

    public DeploymentSpec {
        predictors = List.copyOf(predictors);
        annotations = Map.copyOf(annotations);
    }
}
