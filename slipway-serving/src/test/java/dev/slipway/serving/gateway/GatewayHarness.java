package dev.slipway.serving.gateway;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Vertx;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A real {@link Gateway} on port 0 for each test, over its own Vert.x and {@link DeploymentRegistry}, with the
 * {@link FakeComponent}s a test starts; closes all of them after the test ({@code @RegisterExtension}).
 */
final class GatewayHarness implements BeforeEachCallback, AfterEachCallback {

    private final int eventLoops;
    private final Supplier<Vertx> vertices;
    private final List<FakeComponent> components = new ArrayList<>();
    private final HttpClient http = HttpClient.newHttpClient();
    private Vertx vertx;
    private DeploymentRegistry routes;
    private Gateway gateway;

    GatewayHarness(int eventLoops) {
        this(eventLoops, Vertx::vertx);
    }

    /** A harness whose Vert.x comes from {@code vertices} (the native transport: {@code H2c.vertx}). */
    GatewayHarness(int eventLoops, Supplier<Vertx> vertices) {
        this.eventLoops = eventLoops;
        this.vertices = vertices;
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        vertx = vertices.get();
        routes = new DeploymentRegistry();
        gateway = new Gateway(vertx, routes, new PrometheusMeterRegistry(PrometheusConfig.DEFAULT));
        gateway.start("127.0.0.1", 0, eventLoops);
    }

    @Override
    public void afterEach(ExtensionContext context) throws Exception {
        gateway.close();
        for (final FakeComponent c : components) {
            c.close();
        }
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    /** The gateway's port. */
    int port() {
        return gateway.port();
    }

    URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port() + path);
    }

    /** The deployments the gateway serves: a test puts its routes here. */
    DeploymentRegistry routes() {
        return routes;
    }

    /** Starts a component server (closed after the test). */
    FakeComponent component(String name) throws Exception {
        final FakeComponent c = new FakeComponent(vertx, name);
        components.add(c);
        return c;
    }

    /** The component started first under {@code name}. */
    FakeComponent started(String name) {
        return components.stream().filter(c -> c.name.equals(name)).findFirst().orElseThrow();
    }

    /** The client the harness sends with (for asynchronous requests). */
    HttpClient http() {
        return http;
    }

    HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** POSTs JSON to the gateway. */
    HttpResponse<String> post(String path, String body) throws Exception {
        return send(HttpRequest.newBuilder(uri(path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    HttpResponse<String> get(String path) throws Exception {
        return send(HttpRequest.newBuilder(uri(path)));
    }
}
