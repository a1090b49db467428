package dev.slipway.controlplane.api;

import dev.slipway.api.ScrapeTargets;
import io.vertx.ext.web.Router;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * What Prometheus reads from the API: {@code GET /api/v1/prometheus/targets}, every address to scrape in Prometheus'
 * HTTP service-discovery format ({@link ScrapeTargets}; for {@code http_sd_configs}), and {@code GET /metrics}, the
 * control plane's own metrics. Both are read routes: with {@code --auth} they need a token, as every read does.
 */
public final class PrometheusApi implements ApiRoutes {

    /** The service-discovery route. */
    public static final String TARGETS = "/api/v1/prometheus/targets";

    private final Replies replies;
    private final Supplier<List<ScrapeTargets>> targets;
    private final Supplier<String> metrics;
    private final String contentType;

    /**
     * @param replies how routes answer
     * @param targets the targets now
     * @param metrics the control plane's metrics in Prometheus' text format
     * @param contentType the content type of {@code metrics}
     */
    public PrometheusApi(
            Replies replies, Supplier<List<ScrapeTargets>> targets, Supplier<String> metrics, String contentType) {
        this.replies = Objects.requireNonNull(replies, "replies");
        this.targets = Objects.requireNonNull(targets, "targets");
        this.metrics = Objects.requireNonNull(metrics, "metrics");
        this.contentType = Objects.requireNonNull(contentType, "contentType");
    }

    @Override
    public void mount(Router router) {
        router.get(TARGETS).handler(rc -> replies.blockingJson(rc, 200, targets::get));
        router.get("/metrics")
                .handler(rc -> replies.blocking(
                        rc,
                        () -> Reply.bytes(
                                200, contentType, metrics.get().getBytes(java.nio.charset.StandardCharsets.UTF_8))));
    }
}
