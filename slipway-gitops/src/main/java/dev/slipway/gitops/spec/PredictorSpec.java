package dev.slipway.gitops.spec;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One predictor: an inference graph with the containers that run it, its replicas and its share of
 * the traffic.
 *
 * @param name the predictor's name
 * @param graph the root of its inference graph
 * @param componentSpecs pod specs holding the graph's containers
 * @param replicas the predictor's replica count, or null
 * @param annotations annotations
 * @param labels labels
 * @param traffic percentage of the traffic (0 when unset)
 * @param shadow true for a shadow predictor (receives copies, never answers)
 * @param engineResources Kubernetes resources of the orchestrator (kept, ignored locally), or null
 * @param svcOrchSpec orchestrator spec (kept, ignored locally), or null
 * @param explainer an explainer (kept, not run locally), or null
 * @param ssl TLS settings (kept, ignored locally), or null
 */
public record PredictorSpec(
        String name,
        GraphNode graph,
        List<ComponentSpec> componentSpecs,
        Integer replicas,
        Map<String, String> annotations,
        Map<String, String> labels,
        int traffic,
        boolean shadow,
        JsonNode engineResources,
        JsonNode svcOrchSpec,
        Explainer explainer,
        JsonNode ssl) {

    public PredictorSpec {
        componentSpecs = List.copyOf(componentSpecs);
        annotations = Map.copyOf(annotations);
        labels = Map.copyOf(labels);
    }

    /** The container named {@code name} in any of the component specs, with its component spec. */
    public Optional<ComponentSpec.Located> container(String containerName) {
        for (final ComponentSpec component : componentSpecs) {
            for (final Container container : component.containers()) {
                if (container.name().equals(containerName)) {
                    return Optional.of(new ComponentSpec.Located(component, container));
                }
            }
        }
        return Optional.empty();
    }
}
