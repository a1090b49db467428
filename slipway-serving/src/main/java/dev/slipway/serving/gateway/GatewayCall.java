package dev.slipway.serving.gateway;

import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One request to the gateway, whatever its transport: which deployment it names, what it asks for, when it
 * started, the predictor that serves it (once chosen), and whether it has been answered. Adapters answer
 * through {@link #answer()} exactly once and record it with {@link GatewayMetrics#server(GatewayCall, int)}.
 */
final class GatewayCall {

    static final String DEFAULT_NAMESPACE = "default";

    final String namespace;
    final String deployment;
    final String service;
    final String method;
    final long start = System.nanoTime();
    private final AtomicBoolean answered = new AtomicBoolean();
    private volatile PredictorRoute predictor;

    /**
     * @param namespace the namespace, or null for {@value #DEFAULT_NAMESPACE}
     * @param deployment the deployment's name
     * @param service what is asked for ({@code predictions}, {@code feedback}, {@code metadata}, {@code v2})
     * @param method the HTTP method, or {@code GRPC}
     */
    GatewayCall(String namespace, String deployment, String service, String method) {
        this.namespace = namespace == null || namespace.isEmpty() ? DEFAULT_NAMESPACE : namespace;
        this.deployment = deployment == null ? "" : deployment;
        this.service = service;
        this.method = method;
    }

    PredictorRoute predictor() {
        return predictor;
    }

    void servedBy(PredictorRoute p) {
        this.predictor = p;
    }

    /** True the first time: the caller may answer. */
    boolean answer() {
        return answered.compareAndSet(false, true);
    }

    long elapsedNanos() {
        return System.nanoTime() - start;
    }
}
