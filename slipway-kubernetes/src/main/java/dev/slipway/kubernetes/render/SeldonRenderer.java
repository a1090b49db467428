package dev.slipway.kubernetes.render;

import dev.slipway.gitops.spec.Manifest;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Renders one SeldonDeployment as itself (mode {@code seldon}): the custom resource as promoted (modelUris and
 * images as the manifest has them after pinning), {@code metadata.namespace} set to the environment's and Slipway's
 * labels added. Seldon Core's operator on the cluster runs it.
 */
public final class SeldonRenderer {

    private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

    /** The resource of {@code manifest} in {@code options.namespace()}. */
    public List<HasMetadata> render(Manifest manifest, RenderOptions options) {
        final GenericKubernetesResource r =
                SERIALIZATION.unmarshal(manifest.resolvedJson(), GenericKubernetesResource.class);
        r.getMetadata().setNamespace(options.namespace());
        final Map<String, String> labels = new LinkedHashMap<>(
                r.getMetadata().getLabels() == null ? Map.of() : r.getMetadata().getLabels());
        labels.putAll(Labels.deployment(manifest.deployment().name()));
        r.getMetadata().setLabels(labels);
        r.getMetadata().setResourceVersion(null);
        r.getMetadata().setUid(null);
        r.getAdditionalProperties().remove("status");
        return List.of(r);
    }
}
