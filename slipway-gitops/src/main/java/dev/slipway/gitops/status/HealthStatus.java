package dev.slipway.gitops.status;

/** How an application's deployment is doing (ArgoCD's health status), from the runtime's DeploymentStatus. */
public enum HealthStatus {
  /** Every wanted replica is ready. */
  HEALTHY,
  /** Replicas are starting or being replaced. */
  PROGRESSING,
  /** A rollout failed, a replica keeps crashing, or the manifest is invalid. */
  DEGRADED,
  /** Nothing runs for it. */
  MISSING,
  UNKNOWN
}
