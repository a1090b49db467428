package dev.slipway.gitops.target;

/**
 * One replica of one graph node.
 *
 * @param namespace the deployment's namespace
 * @param deployment the deployment's name
 * @param predictor the predictor's name
 * @param node the graph node's name
 * @param replica the replica's id, unique within its node (e.g. {@code 3})
 */
public record ReplicaKey(String namespace, String deployment, String predictor, String node, String replica) {

    @Override
    public String toString() {
        return namespace + "/" + deployment + "/" + predictor + "/" + node + "#" + replica;
    }
}
