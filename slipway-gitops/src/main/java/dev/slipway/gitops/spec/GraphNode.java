package dev.slipway.gitops.spec;

import java.util.ArrayList;
import java.util.List;

/**
 * A node of an inference graph (Seldon's {@code PredictiveUnit}).
 *
 * @param name the node's name (also the name of its container, if it has one)
 * @param type its type, or null when unset
 * @param implementation a prepackaged server name such as {@code SKLEARN_SERVER}, or null
 * @param modelUri where the model is, resolved against the manifest's folder when relative, or null
 * @param parameters typed parameters
 * @param children child nodes
 * @param endpoint the endpoint as written (kept; the local runtime assigns its own), or null
 * @param methods explicit methods (for {@code UNKNOWN_TYPE} nodes)
 * @param envSecretRefName kept, ignored locally; or null
 * @param serviceAccountName kept, ignored locally; or null
 * @param storageInitializerImage kept, ignored locally; or null
 * @param logger request logger settings, or null
 */
public record GraphNode(
        String name,
        NodeType type,
        String implementation,
        String modelUri,
        List<Parameter> parameters,
        List<GraphNode> children,
        Endpoint endpoint,
        List<NodeMethod> methods,
        String envSecretRefName,
        String serviceAccountName,
        String storageInitializerImage,
        Logger logger) {

    public GraphNode {
        parameters = List.copyOf(parameters);
        children = List.copyOf(children);
        methods = List.copyOf(methods);
    }

    /** The type that decides how the node is called: the explicit one, else MODEL. */
    public NodeType effectiveType() {
        return type == null ? NodeType.MODEL : type;
    }

    /** This node and all its descendants, depth first. */
    public List<GraphNode> flatten() {
        final List<GraphNode> all = new ArrayList<>();
        all.add(this);
        for (final GraphNode child : children) {
            all.addAll(child.flatten());
        }
        return all;
    }

    /** A node of a Seldon graph endpoint. */
    public record Endpoint(String serviceHost, Integer servicePort, String type, Integer httpPort, Integer grpcPort) {}

    /** Payload logging settings: the URL to send CloudEvents to, and the mode. */
    public record Logger(String url, String mode) {}
}
