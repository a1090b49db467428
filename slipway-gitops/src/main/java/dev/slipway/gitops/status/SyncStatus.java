package dev.slipway.gitops.status;

/** Whether an application runs what its manifest on main says (ArgoCD's sync status). */
public enum SyncStatus {
  SYNCED,
  OUT_OF_SYNC,
  /** Not known yet, or the manifest cannot be read. */
  UNKNOWN
}
