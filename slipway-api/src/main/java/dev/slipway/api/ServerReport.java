package dev.slipway.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;

/**
 * {@code GET /api/v1/servers/{name}}: a registered server, the versions it had on main and who uses it now.
 *
 * @param name its implementation name
 * @param image the artifact it runs
 * @param modelClass its model class, or null (the image's label)
 * @param versions its registrations on main, newest first
 * @param uses the deployments that run it
 */
public record ServerReport(
        String name,
        String image,
        @JsonInclude(JsonInclude.Include.NON_NULL) String modelClass,
        List<Version> versions,
        List<Use> uses) {

    public ServerReport {
        versions = versions == null ? List.of() : List.copyOf(versions);
        uses = uses == null ? List.of() : List.copyOf(uses);
    }

    /**
     * One registration.
     *
     * @param image the image it registered
     * @param commit the commit on main
     * @param time when
     * @param author who
     * @param action {@code Server registered} or {@code Server updated}
     */
    public record Version(String image, String commit, Instant time, String author, String action) {}

    /**
     * One user.
     *
     * @param environment the environment
     * @param deployment the deployment
     * @param node its graph node that runs the server
     * @param file the manifest
     * @param via how the manifest names it ({@code implementation}, {@code image}, …)
     */
    public record Use(String environment, String deployment, String node, String file, String via) {}
}
