package dev.slipway.controlplane.metrics;

import dev.slipway.gitops.target.DeploymentStatus;
import dev.slipway.gitops.target.ReplicaStatus;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.function.Supplier;

/**
 * The control plane's own metrics at the API's {@code /metrics}: its JVM (memory, threads, classes, CPU, uptime) and
 * {@code slipway_replicas}, the model-server replicas of each deployment by state, read from the runtime at each
 * scrape.
 */
public final class ControlPlaneMetrics {

    /** The content type of {@link #scrape()} (Prometheus text format 0.0.4). */
    public static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final Supplier<List<DeploymentStatus>> deployments;
    private final MultiGauge replicas;

    /** @param deployments the runtime's deployments, read at each scrape */
    public ControlPlaneMetrics(Supplier<List<DeploymentStatus>> deployments) {
        this.deployments = Objects.requireNonNull(deployments, "deployments");
        // two of Micrometer's processor meters break Prometheus' naming rules (promtool: "process_cpu_time_ns_total"
        // abbreviates its unit, "system_cpu_count" is a gauge ending in _count): left out
        registry.config()
                .meterFilter(MeterFilter.deny(id ->
                        id.getName().equals("process.cpu.time") || id.getName().equals("system.cpu.count")));
        new JvmMemoryMetrics().bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ClassLoaderMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
        this.replicas = MultiGauge.builder("slipway_replicas")
                .description("Model-server replicas of each deployment, by state")
                .register(registry);
    }

    /** The Prometheus text exposition, with the replica counts as they are now. */
    public String scrape() {
        final Map<List<String>, Integer> counts =
                new TreeMap<>((a, b) -> String.join("\u0000", a).compareTo(String.join("\u0000", b)));
        for (final DeploymentStatus d : deployments.get()) {
            for (final ReplicaStatus r : d.replicas()) {
                counts.merge(List.of(d.namespace(), d.name(), r.state().toString()), 1, Integer::sum);
            }
        }
        final List<MultiGauge.Row<?>> rows = new ArrayList<>();
        counts.forEach((k, n) -> rows.add(
                MultiGauge.Row.of(Tags.of("namespace", k.get(0), "deployment_name", k.get(1), "state", k.get(2)), n)));
        replicas.register(rows, true);
        return registry.scrape();
    }
}
