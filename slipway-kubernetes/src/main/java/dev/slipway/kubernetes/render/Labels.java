package dev.slipway.kubernetes.render;

import java.util.LinkedHashMap;
import java.util.Map;

/** The labels and names every rendered object carries. */
public final class Labels {

    /** Who manages an object: always {@link #SLIPWAY} on what Slipway renders. */
    public static final String MANAGED_BY = "app.kubernetes.io/managed-by";
    /** The SeldonDeployment an object belongs to. */
    public static final String PART_OF = "app.kubernetes.io/part-of";
    /** Seldon's own label naming the deployment. */
    public static final String SELDON_DEPLOYMENT_ID = "seldon-deployment-id";
    /** The predictor of a node's objects. */
    public static final String PREDICTOR = "slipway.dev/predictor";
    /** The graph node of a node's objects. */
    public static final String NODE = "slipway.dev/node";
    /** The component: {@code model-server} or {@code gateway}. */
    public static final String COMPONENT = "app.kubernetes.io/component";
    /** The value of {@link #MANAGED_BY}, and the server-side apply field manager. */
    public static final String SLIPWAY = "slipway";

    private Labels() {}

    /** The labels of every object rendered for deployment {@code name}. */
    public static Map<String, String> deployment(String name) {
        final Map<String, String> labels = new LinkedHashMap<>();
        labels.put(MANAGED_BY, SLIPWAY);
        labels.put(PART_OF, name);
        labels.put(SELDON_DEPLOYMENT_ID, name);
        return labels;
    }

    /** The labels selecting the pods of one node of one predictor. */
    public static Map<String, String> selector(String deployment, String predictor, String node) {
        final Map<String, String> labels = new LinkedHashMap<>();
        labels.put(SELDON_DEPLOYMENT_ID, deployment);
        labels.put(PREDICTOR, predictor);
        labels.put(NODE, node);
        return labels;
    }
}
