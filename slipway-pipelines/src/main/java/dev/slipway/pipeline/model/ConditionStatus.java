package dev.slipway.pipeline.model;

/** The status of a {@code Succeeded} condition, as in Kubernetes and Tekton. */
public enum ConditionStatus {
    /** Not finished yet. */
    Unknown,
    /** Finished successfully. */
    True,
    /** Finished without success: failed, timed out, cancelled or skipped. */
    False
}
