package dev.slipway.gitops.status;

import dev.slipway.gitops.target.Condition;
import java.util.List;

/**
 * The status of one application (one SeldonDeployment manifest of an environment).
 *
 * @param name the deployment's name (the file's base name when the manifest cannot be read)
 * @param file the manifest's path in the repository
 * @param namespace where it runs
 * @param sync synced or out of sync
 * @param health from the runtime
 * @param revision the main revision reconciled
 * @param appliedRevision the revision whose manifest was last applied, or empty
 * @param conditions Ready, and Reconciling/Stalled/OutOfSync while true
 */
public record ApplicationStatus(String name, String file, String namespace, SyncStatus sync, HealthStatus health,
    String revision, String appliedRevision, List<Condition> conditions) {

  public ApplicationStatus {
    conditions = List.copyOf(conditions);
  }
}
