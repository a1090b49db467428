package dev.slipway.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Map;

/**
 * {@code GET /api/v1/servers}: the custom servers registered in the followed GitOps repository ({@code servers.yaml}
 * on main), by implementation name; with {@code ?usage=true} also each one's versions and users.
 *
 * @param servers name → image and model class
 * @param usage one report per server ({@code ?usage=true} only; empty otherwise)
 */
public record ServerList(
        Map<String, Server> servers,
        @JsonInclude(JsonInclude.Include.NON_EMPTY) List<ServerReport> usage) {

    public ServerList {
        servers = servers == null
                ? Map.of()
                : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(servers));
        usage = usage == null ? List.of() : List.copyOf(usage);
    }

    /**
     * One registered server.
     *
     * @param image the artifact {@code NAME:VERSION} it runs
     * @param modelClass the model class, or null (the image's label)
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Server(String image, String modelClass) {}
}
