package dev.slipway.pipeline.model;

/** Why a run, stage or step has the {@code Succeeded} condition it has. */
public enum Reason {
    /** Waiting for its turn. */
    Pending(ConditionStatus.Unknown),
    /** Accepted; its workspace is being prepared. */
    Started(ConditionStatus.Unknown),
    /** A step process is running. */
    Running(ConditionStatus.Unknown),
    Succeeded(ConditionStatus.True),
    /** A step exited non-zero, could not start, or the workspace could not be made. */
    Failed(ConditionStatus.False),
    /** A step, stage or run took longer than its timeout and was killed. */
    TimedOut(ConditionStatus.False),
    /** Someone cancelled the run. */
    Cancelled(ConditionStatus.False),
    /** Not run because something before it did not succeed. */
    Skipped(ConditionStatus.False),
    /** Its control plane stopped without ending it (killed): its processes were stopped when it started again. */
    ControlPlaneRestarted(ConditionStatus.False);

    private final ConditionStatus status;

    Reason(ConditionStatus status) {
        this.status = status;
    }

    /** The condition status this reason goes with. */
    public ConditionStatus status() {
        return status;
    }

    /** Whether this is a final reason. */
    public boolean isDone() {
        return status != ConditionStatus.Unknown;
    }
}
