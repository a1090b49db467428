package dev.slipway.serving.metrics;

import dev.slipway.model.Metric;
import dev.slipway.support.ReplicaIdentity;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The model server's Prometheus metrics, named as Seldon names them:
 *
 * <ul>
 *   <li>{@code seldon_api_executor_server_requests_seconds} — a latency histogram per endpoint
 *       ({@code service}), HTTP {@code method} and status {@code code};
 *   <li>{@code seldon_api_model_feedback_reward_total} and {@code seldon_api_model_feedback_total};
 *   <li>each custom metric a model returns, under its own key (COUNTER adds, GAUGE sets, TIMER observes
 *       milliseconds into a {@code <key>_seconds} histogram).
 * </ul>
 *
 * <p>Every series carries the replica's identity ({@link ReplicaIdentity}, from the launcher's environment) under
 * Seldon's label names — {@code deployment_name}, {@code predictor_name}, {@code predictor_version},
 * {@code model_name}, {@code model_image}, {@code model_version} — plus {@code namespace} and {@code replica}, which
 * Seldon's servers leave to Kubernetes service discovery.
 */
public final class ServingMetrics {

    /** The content type of {@link #scrape()}. */
    public static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    private static final String CUSTOM = "A metric the model reported (Seldon custom metric)";

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    /** At most this many custom metrics' meters are kept for reuse (beyond: found again each time). */
    static final int MAX_CUSTOM = 10_000;

    private final Tags base;
    private final Map<String, Timer> requestTimers = new ConcurrentHashMap<>();
    private final Map<String, AtomicLong> gauges = new ConcurrentHashMap<>();
    private final Map<CustomId, java.util.function.DoubleConsumer> customs = new ConcurrentHashMap<>();
    private final Counter feedback;
    private final Counter reward;
    private final Counter rejectedCustom;

    /** Metrics of a server known only by these names (no namespace, replica, version or image). */
    public ServingMetrics(String deploymentName, String predictorName, String modelName) {
        this(new ReplicaIdentity("", deploymentName, predictorName, "", modelName, "", ""));
    }

    /** Metrics labelled with {@code identity}. */
    public ServingMetrics(ReplicaIdentity identity) {
        this.base = labels(identity);
        this.feedback = Counter.builder("seldon_api_model_feedback")
                .description("Feedback requests received")
                .tags(base)
                .register(registry);
        this.reward = Counter.builder("seldon_api_model_feedback_reward")
                .description("Sum of the rewards of the feedback received")
                .tags(base)
                .register(registry);
        this.rejectedCustom = Counter.builder("slipway_custom_metrics_rejected")
                .description("Custom metrics whose name or labels clash with an existing metric")
                .tags(base)
                .register(registry);
    }

    /** The labels every series of a replica carries: Seldon's names, plus namespace and replica. */
    public static Tags labels(ReplicaIdentity id) {
        return Tags.of(
                Tag.of("deployment_name", id.deployment()),
                Tag.of("predictor_name", id.predictor()),
                Tag.of("predictor_version", id.predictorVersion()),
                Tag.of("model_name", id.unit()),
                Tag.of("model_image", id.imageName()),
                Tag.of("model_version", id.imageVersion()),
                Tag.of("namespace", id.namespace()),
                Tag.of("replica", id.replica()));
    }

    /** Records one request. */
    public void request(String service, String method, int code, long nanos) {
        String key = service + '\u0000' + method + '\u0000' + code;
        Timer t = requestTimers.computeIfAbsent(
                key,
                k -> Timer.builder("seldon_api_executor_server_requests")
                        .description("Requests served, by endpoint, method and status code")
                        .tags(base)
                        .tags("service", service, "method", method, "code", Integer.toString(code))
                        .publishPercentileHistogram()
                        .minimumExpectedValue(Duration.ofNanos(50_000))
                        .maximumExpectedValue(Duration.ofSeconds(60))
                        .register(registry));
        t.record(nanos, TimeUnit.NANOSECONDS);
    }

    /** Records feedback with its reward. */
    public void feedback(double rewardValue) {
        feedback.increment();
        if (Double.isFinite(rewardValue)) {
            reward.increment(rewardValue);
        }
    }

    /**
     * Records a model's custom metrics. Invalid names are skipped (Prometheus would refuse them). A metric's meter is
     * found once per name, labels and type, then kept ({@link #MAX_CUSTOM} of them): models report the same metrics
     * with every prediction.
     */
    public void custom(List<Metric> metrics) {
        for (Metric m : metrics) {
            final CustomId id = new CustomId(m.key(), m.tags(), m.type());
            java.util.function.DoubleConsumer meter = customs.get(id);
            if (meter == null) {
                meter = meter(id);
                if (customs.size() < MAX_CUSTOM) {
                    customs.putIfAbsent(id, meter);
                }
            }
            meter.accept(m.value());
        }
    }

    /** A custom metric's name, labels and type: what finds its meter. */
    private record CustomId(String key, Map<String, String> tags, Metric.Type type) {}

    /** How a value of {@code id} is recorded: its meter, or nothing when Prometheus could not hold it. */
    private java.util.function.DoubleConsumer meter(CustomId id) {
        if (!validName(id.key())) {
            return v -> {};
        }
        List<Tag> tags = new ArrayList<>(base.stream().toList());
        id.tags().forEach((k, v) -> {
            if (validName(k)) {
                tags.add(Tag.of(k, v));
            }
        });
        try {
            return switch (id.type()) {
                case COUNTER -> {
                    final Counter counter = Counter.builder(id.key())
                            .description(CUSTOM)
                            .tags(tags)
                            .register(registry);
                    yield v -> counter.increment(Math.max(0, v));
                }
                case GAUGE -> {
                    final AtomicLong gauge = gauge(id.key(), tags);
                    yield v -> gauge.set(Double.doubleToRawLongBits(v));
                }
                case TIMER -> {
                    final Timer timer = Timer.builder(id.key())
                            .description(CUSTOM)
                            .tags(tags)
                            .publishPercentileHistogram()
                            .register(registry);
                    yield v -> timer.record((long) (v * 1_000_000), TimeUnit.NANOSECONDS);
                }
            };
        } catch (IllegalArgumentException e) {
            // the key is taken by a metric of another type or label set: Prometheus cannot hold both
            return v -> rejectedCustom.increment();
        }
    }

    private AtomicLong gauge(String key, List<Tag> tags) {
        return gauges.computeIfAbsent(key + tags, k -> {
            AtomicLong holder = new AtomicLong(Double.doubleToRawLongBits(0));
            Gauge.builder(key, holder, h -> Double.longBitsToDouble(h.get()))
                    .description(CUSTOM)
                    .tags(tags)
                    .register(registry);
            return holder;
        });
    }

    /** Whether {@code name} is a valid Prometheus metric or label name: {@code [a-zA-Z_:][a-zA-Z0-9_:]*}. */
    static boolean validName(String name) {
        if (name.isEmpty()) {
            return false;
        }
        for (int i = 0; i < name.length(); i++) {
            final char c = name.charAt(i);
            final boolean letter = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c == ':';
            if (!letter && (i == 0 || c < '0' || c > '9')) {
                return false;
            }
        }
        return true;
    }

    /** The Prometheus text exposition. */
    public String scrape() {
        return registry.scrape();
    }
}
