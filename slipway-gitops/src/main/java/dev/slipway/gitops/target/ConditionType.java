package dev.slipway.gitops.target;

/** The condition types of a deployment: {@code Ready} summarises; the others exist while true. */
public enum ConditionType {
  /** Every replica of the applied spec is ready. */
  READY,
  /** A create, update or delete is under way. */
  PROGRESSING,
  /** The last rollout failed; what ran before keeps serving. */
  STALLED
}
