package dev.slipway.gitops.status;

/** Whether an application runs what its manifest on main says (ArgoCD's sync status). */
public enum SyncStatus {
    SYNCED,
    OUT_OF_SYNC,
    /** Not known yet, or the manifest cannot be read. */
    UNKNOWN;

    @com.fasterxml.jackson.annotation.JsonValue
    @Override
    public String toString() {
        return dev.slipway.gitops.target.Spelling.of(this);
    }

    @com.fasterxml.jackson.annotation.JsonCreator
    public static SyncStatus parse(String text) {
        return dev.slipway.gitops.target.Spelling.parse(SyncStatus.class, text);
    }
}
