package dev.slipway.gitops.status;

import dev.slipway.gitops.target.Condition;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The status of one environment as the sync controller last saw it.
 *
 * @param name the environment
 * @param folder its folder
 * @param namespace its namespace
 * @param promotion auto or approval
 * @param revision the main revision last reconciled, or empty
 * @param lastReconcile when, or null
 * @param conditions Ready (summarising the applications, or the reconcile's failure), and Stalled while true
 * @param applications one per manifest and per deployment being pruned
 * @param events the most recent {@link SyncEvent}s, oldest first (bounded)
 */
public record EnvironmentStatus(
        String name,
        String folder,
        String namespace,
        String promotion,
        String revision,
        Instant lastReconcile,
        List<Condition> conditions,
        List<ApplicationStatus> applications,
        List<SyncEvent> events) {

    /** How many events are kept. */
    public static final int EVENTS = 50;

    public EnvironmentStatus {
        conditions = List.copyOf(conditions);
        applications = List.copyOf(applications);
        events = events == null
                ? List.of()
                : List.copyOf(events.subList(Math.max(0, events.size() - EVENTS), events.size()));
    }

    /** The application named {@code name}. */
    public Optional<ApplicationStatus> application(String name) {
        return applications.stream().filter(a -> a.name().equals(name)).findFirst();
    }
}
