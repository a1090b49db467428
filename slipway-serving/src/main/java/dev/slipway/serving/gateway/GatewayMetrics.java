package dev.slipway.serving.gateway;

import dev.slipway.support.ReplicaIdentity;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The executor's Prometheus histograms, named as Seldon's executor names them:
 * {@code seldon_api_executor_server_requests_seconds} (per request to the gateway) and
 * {@code seldon_api_executor_client_requests_seconds} (per call to a graph node), with Seldon's labels plus
 * {@code namespace}: {@code staging/news} and {@code production/news} are two series.
 */
final class GatewayMetrics {

    static final String SERVER = "seldon_api_executor_server_requests";
    static final String CLIENT = "seldon_api_executor_client_requests";

    private static final Duration[] BUCKETS = {
        Duration.ofMillis(5), Duration.ofMillis(10), Duration.ofMillis(25), Duration.ofMillis(50),
        Duration.ofMillis(100), Duration.ofMillis(250), Duration.ofMillis(500), Duration.ofSeconds(1),
        Duration.ofMillis(2500), Duration.ofSeconds(5), Duration.ofSeconds(10)
    };

    /** The namespace and deployment labels of a request for a deployment that does not exist. */
    static final String UNKNOWN = "";

    private final MeterRegistry registry;
    private final Map<String, Timer> timers = new ConcurrentHashMap<>();

    GatewayMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    void server(GatewayCall call, int code) {
        server(call.namespace, call.deployment, call.predictor(), call.service, call.method, code, call.elapsedNanos());
    }

    void server(
            String namespace,
            String deployment,
            PredictorRoute predictor,
            String service,
            String method,
            int code,
            long nanos) {
        // a deployment that does not exist (404 before a predictor was chosen): names from the request path are not
        // labels, so a scan of random paths cannot grow the series without bound
        final boolean unknown = predictor == null && code == 404;
        final String ns = unknown ? UNKNOWN : namespace;
        final String dep = unknown ? UNKNOWN : deployment;
        final String predictorName = predictor == null ? "" : predictor.name();
        final String version = predictor == null ? "" : predictor.version();
        final String key = "s\u0000" + ns + '\u0000' + dep + '\u0000' + predictorName + '\u0000' + version + '\u0000'
                + service + '\u0000' + method + '\u0000' + code;
        timers.computeIfAbsent(
                        key,
                        k -> Timer.builder(SERVER)
                                .description("Requests to the Slipway gateway (Seldon executor server requests)")
                                .tags(
                                        "namespace",
                                        ns,
                                        "deployment_name",
                                        dep,
                                        "predictor_name",
                                        predictorName,
                                        "predictor_version",
                                        version,
                                        "service",
                                        service,
                                        "method",
                                        method,
                                        "code",
                                        String.valueOf(code))
                                .serviceLevelObjectives(BUCKETS)
                                .register(registry))
                .record(Duration.ofNanos(nanos));
    }

    void client(
            DeploymentRoute deployment, PredictorRoute predictor, GraphRoute node, Step step, int code, long nanos) {
        final String key = "c\u0000" + deployment.namespace() + '\u0000' + deployment.name() + '\u0000'
                + predictor.name() + '\u0000' + node.name() + '\u0000' + step + '\u0000' + code;
        timers.computeIfAbsent(key, k -> clientTimer(deployment, predictor, node, step, code))
                .record(Duration.ofNanos(nanos));
    }

    private Timer clientTimer(
            DeploymentRoute deployment, PredictorRoute predictor, GraphRoute node, Step step, int code) {
        // the image split at its tag as the node's own server splits it, so the two sides' series join
        final ReplicaIdentity image = new ReplicaIdentity("", "", "", "", "", node.image(), "");
        return Timer.builder(CLIENT)
                .description("Calls from the Slipway gateway to graph nodes (Seldon executor client requests)")
                .tags(
                        "namespace",
                        deployment.namespace(),
                        "deployment_name",
                        deployment.name(),
                        "predictor_name",
                        predictor.name(),
                        "predictor_version",
                        predictor.version(),
                        "model_name",
                        node.name(),
                        "model_image",
                        image.imageName(),
                        "model_version",
                        image.imageVersion(),
                        "service",
                        step.service(),
                        "method",
                        "POST",
                        "code",
                        String.valueOf(code))
                .serviceLevelObjectives(BUCKETS)
                .register(registry);
    }
}
