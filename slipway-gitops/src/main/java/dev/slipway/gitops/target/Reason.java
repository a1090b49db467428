package dev.slipway.gitops.target;

/** Typed reasons of {@link Condition}s. */
public enum Reason implements Spelled {
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
    /** The manifest on main cannot be parsed or validated; the last good version keeps serving (stalling). */
    PARSE_FAILED,
    /** The deployment does not run (never applied, or removed behind the controller's back). */
    MISSING,
    /** The deployment was deleted or changed outside GitOps; self-heal puts it back. */
    CHANGED_OUTSIDE_GIT_OPS,
    /** Self-heal re-applied a deployment deleted or changed outside GitOps. */
    SELF_HEALED,
    /** Handing the manifest to the runtime target failed. */
    APPLY_FAILED,
    /** Deleting a deployment that main no longer has failed; retried. */
    PRUNE_FAILED,
    /** A deployment main no longer has was deleted. */
    PRUNED,
    /** The runtime target could not report a deployment's status; retried. */
    HEALTH_CHECK_FAILED,
    /** The repository or its environments.yaml could not be read. */
    FETCH_FAILED,
    /** The controller's own records (inventory, status) could not be read or written. */
    STORAGE_FAILED,
    /** Every predictor of the manifest asks for no replicas. */
    SUSPENDED;

    @Override
    public String toString() {
        return Spelling.of(this);
    }
}
