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
  DELETING,
  /** What runs differs from what main says (sync controller). */
  OUT_OF_SYNC,
  /** The manifest on main cannot be used; the last good version keeps serving. */
  INVALID_MANIFEST,
  /** The deployment does not run (never applied, or removed behind the controller's back). */
  MISSING,
  /** Handing the manifest to the runtime target failed. */
  APPLY_FAILED,
  /** The repository or its environments.yaml could not be read. */
  FETCH_FAILED
}
