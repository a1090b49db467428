package dev.slipway.gitops.spec;

import java.util.Map;

/**
 * The Kubernetes object metadata Slipway reads.
 *
 * @param name the object's name
 * @param namespace its namespace, or null when the manifest names none
 * @param labels labels
 * @param annotations annotations
 */
public record ObjectMeta(String name, String namespace, Map<String, String> labels, Map<String, String> annotations) {

    public ObjectMeta {
        labels = Map.copyOf(labels);
        annotations = Map.copyOf(annotations);
    }
}
