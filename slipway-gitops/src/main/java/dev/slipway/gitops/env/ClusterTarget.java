package dev.slipway.gitops.env;

import java.util.Objects;

/**
 * Where a {@code target: {kind: kubernetes, …}} environment runs.
 *
 * @param mode {@code native} (Slipway's own server as Deployments) or {@code seldon} (SeldonDeployment resources
 *     for Seldon Core's operator)
 * @param context the kubeconfig context to use, or null for the current one (or the in-cluster service account)
 * @param registry {@code HOST[:PORT]/PREFIX} where images of custom servers are pushed, or null
 * @param artifacts {@code s3://BUCKET/PREFIX} or {@code gs://…} where pinned models are published, or null
 */
public record ClusterTarget(String mode, String context, String registry, String artifacts) {

    /** The {@code kind} of a Kubernetes target. */
    public static final String KIND = "kubernetes";

    public ClusterTarget {
        Objects.requireNonNull(mode, "mode");
    }
}
