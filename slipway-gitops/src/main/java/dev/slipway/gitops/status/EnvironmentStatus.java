package dev.slipway.gitops.status;

import dev.slipway.gitops.target.Condition;
import java.time.Instant;
import java.util.List;

/**
 * The status of one environment as the sync controller last saw it.
 *
 * @param name the environment
 * @param folder its folder
 * @param namespace its namespace
 * @param promotion auto or approval
 * @param revision the main revision last reconciled, or empty
 * @param lastReconcile when, or null
 * @param conditions Ready, and Stalled (FetchFailed) while true
 * @param applications one per manifest and per pruned-but-failing deployment
 */
public record EnvironmentStatus(String name, String folder, String namespace, String promotion, String revision,
    Instant lastReconcile, List<Condition> conditions, List<ApplicationStatus> applications) {

  public EnvironmentStatus {
    conditions = List.copyOf(conditions);
    applications = List.copyOf(applications);
  }
}
