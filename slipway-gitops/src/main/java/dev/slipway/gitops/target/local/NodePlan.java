package dev.slipway.gitops.target.local;

/**
 * What should run for one graph node.
 *
 * @param predictor the predictor's name
 * @param node the node's name
 * @param replicas how many replicas
 * @param launch how each replica starts
 */
record NodePlan(String predictor, String node, int replicas, LaunchSpec launch) {

    String key() {
        return predictor + "/" + node;
    }
}
