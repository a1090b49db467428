package dev.slipway.controlplane;

import dev.slipway.gitops.sync.SyncConfig;
import dev.slipway.gitops.target.local.LocalRuntimeConfig;
import java.util.Map;
import java.util.Objects;

/**
 * Settings of {@code slipway up}.
 *
 * @param runtime the local runtime's settings (data directory, server command, timeouts, clock)
 * @param host the address the gateway and API bind
 * @param gatewayPort the gateway's port (0: a free one)
 * @param apiPort the REST API's port (0: a free one; -1: no API)
 * @param gatewayInstances gateway event loops
 * @param gitops the GitOps repository the sync controller follows, or null for none
 * @param auth true when the API and git hosting require tokens (see {@code dev.slipway.controlplane.auth})
 * @param environment the environment pipeline steps inherit; {@code SLIPWAY_WEBHOOK_SECRET} in it turns the GitHub
 *     webhook on (and is never passed to steps)
 */
public record ControlPlaneConfig(
        LocalRuntimeConfig runtime,
        String host,
        int gatewayPort,
        int apiPort,
        int gatewayInstances,
        SyncConfig gitops,
        boolean auth,
        Map<String, String> environment) {

    /** The variable holding the GitHub webhook's HMAC secret. */
    public static final String WEBHOOK_SECRET = "SLIPWAY_WEBHOOK_SECRET";

    public ControlPlaneConfig {
        Objects.requireNonNull(runtime, "runtime");
        Objects.requireNonNull(host, "host");
        environment = Map.copyOf(Objects.requireNonNull(environment, "environment"));
    }

    /** Settings without a GitOps repository to follow; steps inherit this process's environment. */
    public ControlPlaneConfig(
            LocalRuntimeConfig runtime, String host, int gatewayPort, int apiPort, int gatewayInstances) {
        this(runtime, host, gatewayPort, apiPort, gatewayInstances, null, false, System.getenv());
    }

    /** Settings following a GitOps repository, without authentication; steps inherit this process's environment. */
    public ControlPlaneConfig(
            LocalRuntimeConfig runtime,
            String host,
            int gatewayPort,
            int apiPort,
            int gatewayInstances,
            SyncConfig gitops) {
        this(runtime, host, gatewayPort, apiPort, gatewayInstances, gitops, false, System.getenv());
    }

    /** A copy that requires tokens on the API and git hosting. */
    public ControlPlaneConfig withAuth(boolean required) {
        return new ControlPlaneConfig(
                runtime, host, gatewayPort, apiPort, gatewayInstances, gitops, required, environment);
    }

    /** A copy that follows the GitOps repository of {@code sync}. */
    public ControlPlaneConfig withGitOps(SyncConfig sync) {
        return new ControlPlaneConfig(runtime, host, gatewayPort, apiPort, gatewayInstances, sync, auth, environment);
    }

    /** A copy whose pipeline steps inherit {@code env} (and whose webhook secret comes from it). */
    public ControlPlaneConfig withEnvironment(Map<String, String> env) {
        return new ControlPlaneConfig(runtime, host, gatewayPort, apiPort, gatewayInstances, gitops, auth, env);
    }

    /** The variable holding the URL others reach this API at ({@code slipway up --public-url}). */
    public static final String PUBLIC_URL = "SLIPWAY_PUBLIC_URL";

    /**
     * The host names requests may name besides loopback names and IP addresses: the bound host (unless a wildcard)
     * and the host of {@code SLIPWAY_PUBLIC_URL}.
     */
    public java.util.Set<String> publicHosts() {
        final java.util.Set<String> out = new java.util.HashSet<>();
        if (!host.equals("0.0.0.0") && !host.equals("::") && !host.equals("[::]")) {
            out.add(host.toLowerCase(java.util.Locale.ROOT));
        }
        final String url = environment.get(PUBLIC_URL);
        if (url != null && !url.isBlank()) {
            final String h = java.net.URI.create(url.strip()).getHost();
            if (h == null) {
                throw new IllegalArgumentException(
                        "--public-url " + url + ": not a URL with a host (http://HOST:PORT)");
            }
            out.add(h.toLowerCase(java.util.Locale.ROOT));
        }
        return out;
    }

    /** The GitHub webhook's secret, or null when the webhook is off. */
    public String webhookSecret() {
        final String secret = environment.get(WEBHOOK_SECRET);
        return secret == null || secret.isEmpty() ? null : secret;
    }
}
