package dev.slipway.controlplane.metrics;

import dev.slipway.api.ScrapeTargets;
import dev.slipway.gitops.target.DeploymentStatus;
import dev.slipway.gitops.target.ReplicaKey;
import dev.slipway.gitops.target.ReplicaStatus;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.IntSupplier;
import java.util.function.Supplier;

/**
 * Every address of this control plane that serves {@code /metrics}, as Prometheus' HTTP service discovery wants them:
 * one group per running model-server replica (labelled as its server labels its own series), one for the gateway and
 * one for the API. A replica is listed while its process runs and its port is known (starting, ready, draining); a
 * packed replica is its shared server's address with {@code __metrics_path__} set to its model's own metrics.
 */
public final class ScrapeTargetFinder {

    private final Supplier<List<DeploymentStatus>> deployments;
    private final String replicaHost;
    private final String host;
    private final IntSupplier gatewayPort;
    private final IntSupplier apiPort;

    /**
     * @param deployments the runtime's deployments, read at each call
     * @param replicaHost the address replicas bind
     * @param host the address the gateway and the API bind (a wildcard is reached on loopback)
     * @param gatewayPort the gateway's port
     * @param apiPort the API's port (negative: none)
     */
    public ScrapeTargetFinder(
            Supplier<List<DeploymentStatus>> deployments,
            String replicaHost,
            String host,
            IntSupplier gatewayPort,
            IntSupplier apiPort) {
        this.deployments = Objects.requireNonNull(deployments, "deployments");
        this.replicaHost = Objects.requireNonNull(replicaHost, "replicaHost");
        this.host = Objects.requireNonNull(host, "host");
        this.gatewayPort = Objects.requireNonNull(gatewayPort, "gatewayPort");
        this.apiPort = Objects.requireNonNull(apiPort, "apiPort");
    }

    /** The targets now: the API's and the gateway's first, then replicas by namespace, deployment, predictor, node. */
    public List<ScrapeTargets> targets() {
        final List<ScrapeTargets> out = new ArrayList<>();
        if (apiPort.getAsInt() > 0) {
            out.add(new ScrapeTargets(
                    List.of(address(host, apiPort.getAsInt())),
                    Map.of(ScrapeTargets.COMPONENT, ScrapeTargets.CONTROL_PLANE)));
        }
        out.add(new ScrapeTargets(
                List.of(address(host, gatewayPort.getAsInt())),
                Map.of(ScrapeTargets.COMPONENT, ScrapeTargets.GATEWAY)));
        for (final DeploymentStatus d : deployments.get()) {
            for (final ReplicaStatus r : d.replicas()) {
                if (r.port() > 0 && r.pid() > 0) {
                    final Map<String, String> labels = labels(r.key());
                    if (r.packedIn() != null) {
                        // one model of a shared server: its own series are under its path prefix there
                        labels.put("__metrics_path__", r.packedIn().path() + "/metrics");
                    }
                    out.add(new ScrapeTargets(List.of(address(replicaHost, r.port())), labels));
                }
            }
        }
        return out;
    }

    /** The labels a replica's server puts on its own series (see {@code ServingMetrics}), and what it is. */
    private static Map<String, String> labels(ReplicaKey key) {
        final Map<String, String> labels = new LinkedHashMap<>();
        labels.put(ScrapeTargets.COMPONENT, ScrapeTargets.MODEL_SERVER);
        labels.put("namespace", key.namespace());
        labels.put("deployment_name", key.deployment());
        labels.put("predictor_name", key.predictor());
        labels.put("model_name", key.node());
        labels.put("replica", key.replica());
        return labels;
    }

    /** {@code HOST:PORT}, a wildcard bind reached on loopback and an IPv6 address in brackets. */
    public static String address(String host, int port) {
        final boolean wildcard = host.equals("0.0.0.0") || host.equals("::") || host.equals("[::]");
        final String h = wildcard ? "127.0.0.1" : host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host;
        return h + ":" + port;
    }
}
