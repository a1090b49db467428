package dev.slipway.gitops.spec;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A {@code SeldonDeployment} (any of {@code machinelearning.seldon.io/v1}, {@code v1alpha2},
 * {@code v1alpha3}): immutable, as parsed, before defaults are applied.
 *
 * @param apiVersion the apiVersion as written
 * @param metadata name, namespace, labels, annotations
 * @param spec the deployment's spec
 */
public record SeldonDeployment(String apiVersion, ObjectMeta metadata, DeploymentSpec spec) {

    /** The annotation that sets the gateway's per-request timeout, in milliseconds. */
    public static final String REST_TIMEOUT_ANNOTATION = "seldon.io/rest-timeout";

    public SeldonDeployment {
        Objects.requireNonNull(apiVersion, "apiVersion");
        Objects.requireNonNull(metadata, "metadata");
        Objects.requireNonNull(spec, "spec");
    }

    /** The deployment's name ({@code metadata.name}). */
    public String name() {
        return metadata.name();
    }

    /** The namespace the manifest names, if any. */
    public Optional<String> namespace() {
        return Optional.ofNullable(metadata.namespace());
    }

    /** This deployment placed in {@code namespace} (the manifest's own namespace is replaced). */
    public SeldonDeployment inNamespace(String namespace) {
        return new SeldonDeployment(
                apiVersion,
                new ObjectMeta(metadata.name(), namespace, metadata.labels(), metadata.annotations()),
                spec);
    }

    /**
     * An annotation looked up as Seldon does: the spec's annotations, then the metadata's, then the
     * predictor's.
     */
    public Optional<String> annotation(String key, PredictorSpec predictor) {
        final Map<String, String> specAnnotations = spec.annotations();
        if (specAnnotations.containsKey(key)) {
            return Optional.of(specAnnotations.get(key));
        }
        if (metadata.annotations().containsKey(key)) {
            return Optional.of(metadata.annotations().get(key));
        }
        return Optional.ofNullable(
                predictor == null ? null : predictor.annotations().get(key));
    }

    /**
     * The replicas the spec asks for the graph node {@code node} of {@code predictor}, as Seldon decides: its
     * component spec's {@code replicas}, else the predictor's, else the deployment's, else 1.
     */
    public int replicas(PredictorSpec predictor, String node) {
        final Optional<ComponentSpec.Located> located = predictor.container(node);
        if (located.isPresent() && located.get().component().replicas() != null) {
            return located.get().component().replicas();
        }
        if (predictor.replicas() != null) {
            return predictor.replicas();
        }
        return spec.replicas() != null ? spec.replicas() : 1;
    }

    /** All predictors. */
    public List<PredictorSpec> predictors() {
        return spec.predictors();
    }
}
