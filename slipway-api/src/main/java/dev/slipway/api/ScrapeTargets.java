package dev.slipway.api;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One entry of {@code GET /api/v1/prometheus/targets}, the control plane's answer in Prometheus' HTTP service-discovery
 * format ({@code http_sd_configs}): a list of these, each a group of {@code HOST:PORT} addresses that serve
 * {@code /metrics} and the labels Prometheus puts on every series scraped from them.
 *
 * <p>Replicas carry their model server's own labels ({@code namespace}, {@code deployment_name},
 * {@code predictor_name}, {@code model_name}, {@code replica}; scrape with {@code honor_labels: true}), and every
 * group says what it is in {@value #COMPONENT}: {@value #MODEL_SERVER}, {@value #GATEWAY} or {@value #CONTROL_PLANE}.
 *
 * @param targets the addresses, {@code HOST:PORT}
 * @param labels the group's labels
 */
public record ScrapeTargets(List<String> targets, Map<String, String> labels) {

    /** The label naming what a group is. */
    public static final String COMPONENT = "slipway_component";
    /** A model server replica. */
    public static final String MODEL_SERVER = "model-server";
    /** The gateway. */
    public static final String GATEWAY = "gateway";
    /** The control plane's API. */
    public static final String CONTROL_PLANE = "control-plane";

    public ScrapeTargets {
        targets = List.copyOf(Objects.requireNonNullElse(targets, List.of()));
        labels = labels == null
                ? Map.of()
                : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(labels));
    }
}
