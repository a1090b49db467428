package dev.slipway.gitops.status;

import dev.slipway.gitops.target.Condition;
import java.util.List;

/**
 * The status of one application (one SeldonDeployment manifest of an environment), as ArgoCD shows it: sync
 * ({@code Synced|OutOfSync}) × health ({@code Healthy|Progressing|Degraded|Missing|Suspended}).
 *
 * @param name the deployment's name (the file's base name when the manifest cannot be read)
 * @param file the manifest's path in the repository
 * @param namespace where it runs
 * @param sync synced or out of sync
 * @param health from the runtime
 * @param revision the main revision reconciled
 * @param appliedRevision the revision whose manifest was last applied, or empty
 * @param message the Ready condition's message: what is wrong, or what serves
 * @param conditions Ready, and Progressing/Stalled/OutOfSync while true
 */
public record ApplicationStatus(
        String name,
        String file,
        String namespace,
        SyncStatus sync,
        HealthStatus health,
        String revision,
        String appliedRevision,
        String message,
        List<Condition> conditions) {

    public ApplicationStatus {
        conditions = List.copyOf(conditions);
        message = message == null ? "" : message;
    }
}
