package dev.slipway.gitops.target;

/** Typed reasons of {@link Condition}s. */
public enum Reason {
  /** All replicas are ready. */
  SUCCEEDED,
  /** Replicas are starting or being replaced. */
  PROGRESSING,
  /** Some replica is not ready (starting, restarting or crashed). */
  REPLICAS_NOT_READY,
  /** A new replica never became ready: the rollout stopped. */
  ROLLOUT_FAILED,
  /** A replica exited and is being restarted. */
  REPLICA_CRASHED,
  /** The deployment is being deleted. */
  DELETING
}
