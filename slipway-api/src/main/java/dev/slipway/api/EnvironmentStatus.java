package dev.slipway.api;

import java.time.Instant;
import java.util.List;

/**
 * {@code GET /api/v1/environments[/{env}]}: an environment as the sync controller last saw it.
 *
 * @param name the environment
 * @param folder its folder in the GitOps repository
 * @param namespace its namespace
 * @param promotion {@code auto} or {@code approval}
 * @param revision the main revision last reconciled, or empty
 * @param lastReconcile when, or null
 * @param conditions Ready, and the failure conditions while they hold
 * @param applications one per manifest of the environment (and per pruned deployment still failing)
 */
public record EnvironmentStatus(String name, String folder, String namespace, String promotion, String revision,
    Instant lastReconcile, List<Condition> conditions, List<Application> applications) {

  public EnvironmentStatus {
    conditions = conditions == null ? List.of() : List.copyOf(conditions);
    applications = applications == null ? List.of() : List.copyOf(applications);
  }

  /**
   * One application (a SeldonDeployment manifest) of an environment.
   *
   * @param name the deployment's name
   * @param file the manifest's path in the repository
   * @param namespace where it runs
   * @param sync {@code SYNCED} or {@code OUT_OF_SYNC}
   * @param health from the runtime ({@code HEALTHY}, {@code PROGRESSING}, {@code DEGRADED}, …)
   * @param revision the main revision reconciled
   * @param appliedRevision the revision whose manifest was last applied, or empty
   * @param conditions Ready, and the failure conditions while they hold
   */
  public record Application(String name, String file, String namespace, String sync, String health, String revision,
      String appliedRevision, List<Condition> conditions) {

    public Application {
      conditions = conditions == null ? List.of() : List.copyOf(conditions);
    }
  }
}
