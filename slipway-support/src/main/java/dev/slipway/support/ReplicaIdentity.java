package dev.slipway.support;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Who a model-server replica is, passed from the launcher to the server in environment variables as Seldon Core's
 * operator passes them ({@code SELDON_DEPLOYMENT_ID}, {@code PREDICTOR_ID}, {@code PREDICTOR_LABELS},
 * {@code PREDICTIVE_UNIT_ID}, {@code PREDICTIVE_UNIT_IMAGE}), plus what Kubernetes would know from the pod and Seldon
 * does not pass: {@code SLIPWAY_NAMESPACE} and {@code SLIPWAY_REPLICA}. The server labels its metrics with it. Every
 * field is empty (never null) when unknown (a server started by hand).
 *
 * @param namespace the deployment's namespace
 * @param deployment the deployment's name
 * @param predictor the predictor's name
 * @param predictorVersion the predictor's {@code version} label, or empty
 * @param unit the graph node's name (Seldon's predictive unit, the metrics' {@code model_name})
 * @param image what the node runs: {@code NAME:VERSION} of its image, or the prepackaged server's name, or empty
 * @param replica the replica's id within its node
 */
public record ReplicaIdentity(
        String namespace,
        String deployment,
        String predictor,
        String predictorVersion,
        String unit,
        String image,
        String replica) {

    /** Seldon's deployment name variable. */
    public static final String DEPLOYMENT_ENV = "SELDON_DEPLOYMENT_ID";
    /** Seldon's predictor name variable. */
    public static final String PREDICTOR_ENV = "PREDICTOR_ID";
    /** Seldon's predictor labels variable (a JSON object; its {@code version} is the predictor's version). */
    public static final String PREDICTOR_LABELS_ENV = "PREDICTOR_LABELS";
    /** Seldon's graph node (predictive unit) name variable. */
    public static final String UNIT_ENV = "PREDICTIVE_UNIT_ID";
    /** Seldon's graph node image variable. */
    public static final String IMAGE_ENV = "PREDICTIVE_UNIT_IMAGE";
    /** The deployment's namespace (Seldon's servers learn it from the pod, not from a variable). */
    public static final String NAMESPACE_ENV = "SLIPWAY_NAMESPACE";
    /** The replica's id within its node (a pod's name in Kubernetes). */
    public static final String REPLICA_ENV = "SLIPWAY_REPLICA";

    public ReplicaIdentity {
        Objects.requireNonNull(namespace, "namespace");
        Objects.requireNonNull(deployment, "deployment");
        Objects.requireNonNull(predictor, "predictor");
        Objects.requireNonNull(predictorVersion, "predictorVersion");
        Objects.requireNonNull(unit, "unit");
        Objects.requireNonNull(image, "image");
        Objects.requireNonNull(replica, "replica");
    }

    /** Nothing known: a server started by hand. */
    public static ReplicaIdentity unknown() {
        return new ReplicaIdentity("", "", "", "", "", "", "");
    }

    /** The identity these variables carry (a missing or malformed {@code PREDICTOR_LABELS} gives no version). */
    public static ReplicaIdentity fromEnvironment(Map<String, String> env) {
        return new ReplicaIdentity(
                env.getOrDefault(NAMESPACE_ENV, ""),
                env.getOrDefault(DEPLOYMENT_ENV, ""),
                env.getOrDefault(PREDICTOR_ENV, ""),
                version(env.getOrDefault(PREDICTOR_LABELS_ENV, "")),
                env.getOrDefault(UNIT_ENV, ""),
                env.getOrDefault(IMAGE_ENV, ""),
                env.getOrDefault(REPLICA_ENV, ""));
    }

    private static String version(String labels) {
        if (labels.isBlank()) {
            return "";
        }
        try {
            final var node = Mappers.json().readTree(labels).get("version");
            return node != null && node.isValueNode() ? node.asText() : "";
        } catch (JsonProcessingException e) {
            return "";
        }
    }

    /** The variables that pass this identity to a server. */
    public Map<String, String> environment() {
        final Map<String, String> env = new LinkedHashMap<>();
        env.put(NAMESPACE_ENV, namespace);
        env.put(DEPLOYMENT_ENV, deployment);
        env.put(PREDICTOR_ENV, predictor);
        env.put(
                PREDICTOR_LABELS_ENV,
                predictorVersion.isEmpty() ? "{}" : "{\"version\":" + quoted(predictorVersion) + "}");
        env.put(UNIT_ENV, unit);
        env.put(IMAGE_ENV, image);
        env.put(REPLICA_ENV, replica);
        return env;
    }

    private static String quoted(String text) {
        try {
            return Mappers.json().writeValueAsString(text);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The image without its version ({@code NAME} of {@code NAME:VERSION} or of {@code NAME[:TAG]@sha256:HEX}, an
     * image pinned by digest as a cluster runs it; Seldon's {@code model_image}).
     */
    public String imageName() {
        final int at = image.indexOf('@');
        if (at >= 0) {
            final String named = image.substring(0, at);
            final int colon = versionColon(named);
            return colon < 0 ? named : named.substring(0, colon);
        }
        final int colon = versionColon(image);
        return colon < 0 ? image : image.substring(0, colon);
    }

    /**
     * The image's version ({@code VERSION} of {@code NAME:VERSION}, the digest {@code sha256:HEX} of an image pinned
     * by digest; Seldon's {@code model_version}), or empty.
     */
    public String imageVersion() {
        final int at = image.indexOf('@');
        if (at >= 0) {
            return image.substring(at + 1);
        }
        final int colon = versionColon(image);
        return colon < 0 ? "" : image.substring(colon + 1);
    }

    /** The colon before a tag: the last one, unless a {@code /} follows it (a registry's port). */
    private static int versionColon(String image) {
        final int colon = image.lastIndexOf(':');
        return colon < 0 || image.indexOf('/', colon) >= 0 ? -1 : colon;
    }

    /** This identity with {@code name} as the unit when none is known (the server's own {@code --name}). */
    public ReplicaIdentity withUnitIfUnknown(String name) {
        return unit.isEmpty()
                ? new ReplicaIdentity(namespace, deployment, predictor, predictorVersion, name, image, replica)
                : this;
    }
}
