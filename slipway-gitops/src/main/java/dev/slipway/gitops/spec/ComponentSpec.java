package dev.slipway.gitops.spec;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * A {@code componentSpecs[]} entry: a pod spec holding graph containers.
 *
 * @param replicas replicas of this component, or null
 * @param containers the pod's containers
 * @param metadata the pod's metadata as written (kept, ignored locally), or null
 * @param podSpec the whole pod spec as written (kept; only containers are read locally)
 * @param hpaSpec a horizontal pod autoscaler (kept, ignored locally), or null
 * @param kedaSpec a KEDA scaler (kept, ignored locally), or null
 * @param pdbSpec a pod disruption budget (kept, ignored locally), or null
 */
public record ComponentSpec(
        Integer replicas,
        List<Container> containers,
        JsonNode metadata,
        JsonNode podSpec,
        JsonNode hpaSpec,
        JsonNode kedaSpec,
        JsonNode pdbSpec) {

    public ComponentSpec {
        containers = List.copyOf(containers);
    }

    /** A container together with the component spec holding it. */
    public record Located(ComponentSpec component, Container container) {}
}
