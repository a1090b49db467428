package dev.slipway.serving.gateway;

import dev.slipway.support.ReplicaIdentity;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * The executor's Prometheus histograms, named as Seldon's executor names them:
 * {@code seldon_api_executor_server_requests_seconds} (per request to the gateway) and
 * {@code seldon_api_executor_client_requests_seconds} (per call to a graph node), with Seldon's labels plus
 * {@code namespace}: {@code staging/news} and {@code production/news} are two series.
 *
 * <p>Every request records twice (once per request, once per node call): each series' timer is found by a small
 * record of its labels, built from strings the routes already hold (their hash codes cached), not by a string
 * concatenated per request.
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

    /** The {@code method} label of a request whose HTTP method is none of the standard ones. */
    static final String OTHER_METHOD = "OTHER";

    private static final Set<String> METHODS =
            Set.of("GET", "HEAD", "POST", "PUT", "DELETE", "OPTIONS", "PATCH", "TRACE", "CONNECT", "GRPC");

    /** The labels of one server series. */
    private record ServerKey(
            String namespace,
            String deployment,
            String predictor,
            String version,
            String service,
            String method,
            int code) {}

    /** The labels of one client series (the image's name and version follow from {@code image}). */
    private record ClientKey(
            String namespace,
            String deployment,
            String predictor,
            String version,
            String node,
            String image,
            Step step,
            int code) {}

    private final MeterRegistry registry;
    private final ConcurrentHashMap<ServerKey, Timer> servers = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<ClientKey, Timer> clients = new ConcurrentHashMap<>();

    GatewayMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    /**
     * The {@code method} label for an HTTP method: the method itself when it is a standard one, else
     * {@value #OTHER_METHOD} (a client may send any token as a method: they must not become series).
     */
    static String methodLabel(String method) {
        return METHODS.contains(method) ? method : OTHER_METHOD;
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
        final ServerKey key = new ServerKey(
                unknown ? UNKNOWN : namespace,
                unknown ? UNKNOWN : deployment,
                predictor == null ? "" : predictor.name(),
                predictor == null ? "" : predictor.version(),
                service,
                methodLabel(method),
                code);
        Timer timer = servers.get(key);
        if (timer == null) {
            timer = servers.computeIfAbsent(key, this::serverTimer);
        }
        timer.record(nanos, TimeUnit.NANOSECONDS);
    }

    void client(
            DeploymentRoute deployment, PredictorRoute predictor, GraphRoute node, Step step, int code, long nanos) {
        final ClientKey key = new ClientKey(
                deployment.namespace(),
                deployment.name(),
                predictor.name(),
                predictor.version(),
                node.name(),
                node.image(),
                step,
                code);
        Timer timer = clients.get(key);
        if (timer == null) {
            timer = clients.computeIfAbsent(key, this::clientTimer);
        }
        timer.record(nanos, TimeUnit.NANOSECONDS);
    }

    private Timer serverTimer(ServerKey k) {
        return Timer.builder(SERVER)
                .description("Requests to the Slipway gateway (Seldon executor server requests)")
                .tags(
                        "namespace",
                        k.namespace(),
                        "deployment_name",
                        k.deployment(),
                        "predictor_name",
                        k.predictor(),
                        "predictor_version",
                        k.version(),
                        "service",
                        k.service(),
                        "method",
                        k.method(),
                        "code",
                        String.valueOf(k.code()))
                .serviceLevelObjectives(BUCKETS)
                .register(registry);
    }

    private Timer clientTimer(ClientKey k) {
        // the image split at its tag as the node's own server splits it, so the two sides' series join
        final ReplicaIdentity image = new ReplicaIdentity("", "", "", "", "", k.image(), "");
        return Timer.builder(CLIENT)
                .description("Calls from the Slipway gateway to graph nodes (Seldon executor client requests)")
                .tags(
                        "namespace",
                        k.namespace(),
                        "deployment_name",
                        k.deployment(),
                        "predictor_name",
                        k.predictor(),
                        "predictor_version",
                        k.version(),
                        "model_name",
                        k.node(),
                        "model_image",
                        image.imageName(),
                        "model_version",
                        image.imageVersion(),
                        "service",
                        k.step().service(),
                        "method",
                        "POST",
                        "code",
                        String.valueOf(k.code()))
                .serviceLevelObjectives(BUCKETS)
                .register(registry);
    }
}
