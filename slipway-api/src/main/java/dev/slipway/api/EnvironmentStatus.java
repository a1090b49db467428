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
 * @param applications one per manifest of the environment (and per deployment being pruned)
 * @param events what the sync controller did or noticed lately (drift, self-heal, prune, failures), oldest first
 */
public record EnvironmentStatus(
        String name,
        String folder,
        String namespace,
        String promotion,
        String revision,
        Instant lastReconcile,
        List<Condition> conditions,
        List<Application> applications,
        List<Event> events) {

    public EnvironmentStatus {
        conditions = conditions == null ? List.of() : List.copyOf(conditions);
        applications = applications == null ? List.of() : List.copyOf(applications);
        events = events == null ? List.of() : List.copyOf(events);
    }

    /** The application named {@code name}, if the environment has it. */
    public java.util.Optional<Application> application(String name) {
        return applications.stream().filter(a -> a.name().equals(name)).findFirst();
    }

    /**
     * Something the sync controller did or noticed.
     *
     * @param time when
     * @param application the deployment's name (empty: the whole environment)
     * @param reason typed ({@code ChangedOutsideGitOps}, {@code SelfHealed}, {@code Pruned}, {@code FetchFailed}, …)
     * @param message for people
     */
    public record Event(Instant time, String application, String reason, String message) {}

    /**
     * One application (a SeldonDeployment manifest) of an environment.
     *
     * @param name the deployment's name
     * @param file the manifest's path in the repository
     * @param namespace where it runs
     * @param sync {@code Synced}, {@code OutOfSync} or {@code Unknown}
     * @param health {@code Healthy}, {@code Progressing}, {@code Degraded}, {@code Missing}, {@code Suspended} or
     *     {@code Unknown}
     * @param revision the main revision reconciled
     * @param appliedRevision the revision whose manifest was last applied, or empty
     * @param message what is wrong, or what serves (the Ready condition's message)
     * @param conditions Ready, and the failure conditions while they hold
     */
    public record Application(
            String name,
            String file,
            String namespace,
            String sync,
            String health,
            String revision,
            String appliedRevision,
            String message,
            List<Condition> conditions) {

        public Application {
            conditions = conditions == null ? List.of() : List.copyOf(conditions);
        }
    }
}
