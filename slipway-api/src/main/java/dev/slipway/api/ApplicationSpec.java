package dev.slipway.api;

import java.util.List;

/**
 * {@code GET /api/v1/environments/{env}/applications/{app}/spec}: what an application's SeldonDeployment asks for,
 * as the GitOps repository holds it at the revision the sync controller last reconciled — its predictors with their
 * share of the traffic, shadows, replicas and inference graphs.
 *
 * @param environment the environment
 * @param name the deployment's name
 * @param namespace where it runs
 * @param file the manifest's path in the GitOps repository
 * @param revision the revision the manifest was read at
 * @param apiVersion the manifest's apiVersion as written
 * @param protocol {@code seldon} (default), {@code v2}, …
 * @param predictors in the manifest's order
 */
public record ApplicationSpec(
        String environment,
        String name,
        String namespace,
        String file,
        String revision,
        String apiVersion,
        String protocol,
        List<Predictor> predictors) {

    public ApplicationSpec {
        predictors = predictors == null ? List.of() : List.copyOf(predictors);
    }

    /**
     * One predictor.
     *
     * @param name its name
     * @param traffic its share of the answered traffic in percent, as the gateway splits it (a lone predictor: 100;
     *     a shadow: 0)
     * @param shadow true when it receives copies of the requests and never answers
     * @param graph the root of its inference graph
     */
    public record Predictor(String name, int traffic, boolean shadow, Node graph) {}

    /**
     * A node of an inference graph.
     *
     * @param name its name
     * @param type {@code MODEL}, {@code TRANSFORMER}, {@code OUTPUT_TRANSFORMER}, {@code ROUTER}, {@code COMBINER}, …
     * @param implementation a prepackaged server ({@code SKLEARN_SERVER}, …), or empty for a custom server
     * @param image the custom server's image, or empty
     * @param modelUri the model's URI as the manifest writes it, or empty
     * @param replicas how many replicas the spec asks for
     * @param children the nodes it calls, in order
     */
    public record Node(
            String name,
            String type,
            String implementation,
            String image,
            String modelUri,
            int replicas,
            List<Node> children) {

        public Node {
            children = children == null ? List.of() : List.copyOf(children);
        }
    }
}
