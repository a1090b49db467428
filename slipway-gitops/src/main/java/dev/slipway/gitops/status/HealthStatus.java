package dev.slipway.gitops.status;

/** How an application's deployment is doing (ArgoCD's health status), from the runtime's DeploymentStatus. */
public enum HealthStatus implements dev.slipway.gitops.target.Spelled {
    /** Every wanted replica is ready. */
    HEALTHY,
    /** Replicas are starting or being replaced. */
    PROGRESSING,
    /** A rollout failed, a replica keeps crashing, or the manifest is invalid. */
    DEGRADED,
    /** Nothing runs for it. */
    MISSING,
    /** Its manifest asks for no replicas (every predictor at {@code replicas: 0}). */
    SUSPENDED,
    UNKNOWN;

    @Override
    public String toString() {
        return dev.slipway.gitops.target.Spelling.of(this);
    }
}
