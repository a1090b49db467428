package dev.slipway.gitops.status;

/** Whether an application runs what its manifest on main says (ArgoCD's sync status). */
public enum SyncStatus implements dev.slipway.gitops.target.Spelled {
    SYNCED,
    OUT_OF_SYNC,
    /** Not known yet, or the manifest cannot be read. */
    UNKNOWN;

    @Override
    public String toString() {
        return dev.slipway.gitops.target.Spelling.of(this);
    }
}
