package dev.slipway.kubernetes.target;

import dev.slipway.gitops.spec.Manifest;

/**
 * Makes what a manifest pins reachable from the cluster before it is applied — models pinned under
 * {@code artifacts/<sha256>/} copied to the environment's object store, custom-server images pushed to its registry —
 * and returns the manifest pointing there.
 */
public interface ManifestPublisher {

    /**
     * The manifest to apply in {@code namespace}.
     *
     * @throws ClusterException of kind PUBLISH_FAILED naming what could not be published
     */
    Manifest publish(Manifest manifest, String namespace);

    /** Publishes nothing: the manifest is applied as it is. */
    static ManifestPublisher none() {
        return (manifest, namespace) -> manifest;
    }
}
