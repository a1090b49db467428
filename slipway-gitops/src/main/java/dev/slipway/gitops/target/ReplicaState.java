package dev.slipway.gitops.target;

/** The life of a replica. */
public enum ReplicaState {
  STARTING,
  READY,
  /** Exited unexpectedly; waiting for its restart (backoff). */
  CRASHED,
  DRAINING,
  STOPPED
}
