package dev.slipway.serving.gateway;

import dev.slipway.model.ModelContext;
import dev.slipway.model.ModelFactories;
import dev.slipway.model.Parameters;
import dev.slipway.serving.ModelServer;
import dev.slipway.serving.ServingConfig;
import dev.slipway.serving.http.H2c;
import dev.slipway.serving.model.LoadedModel;
import dev.slipway.serving.testing.TestModels;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * For gateway tests: a real gateway (REST and gRPC on one port) serving deployment {@code seldon/iris}, a
 * 50/50 split between predictor {@code a} (node {@code lr}) and {@code b} (node {@code xgb}), each node one
 * real model server running {@link TestModels.Doubler}.
 */
final class CanaryDeployment implements AutoCloseable {

    final Vertx vertx = H2c.vertx(new VertxOptions());
    final DeploymentRegistry registry = new DeploymentRegistry();
    final Gateway gateway = new Gateway(vertx, registry, new PrometheusMeterRegistry(PrometheusConfig.DEFAULT));
    final Map<String, ModelServer> servers = new LinkedHashMap<>();

    CanaryDeployment() {
        gateway.start("127.0.0.1", 0, 2);
        registry.put(new DeploymentRoute(
                "seldon", "iris", List.of(predictor("a", "lr"), predictor("b", "xgb")), Duration.ofSeconds(10)));
    }

    private PredictorRoute predictor(String predictor, String node) {
        final TestModels.Doubler model = new TestModels.Doubler();
        model.load(new ModelContext(node, null, null, Parameters.of(Map.of()), ModelFactories.of(List.of())));
        final ModelServer server = ModelServer.start(
                ServingConfig.defaults(), new LoadedModel(node, "Doubler", model, model.metadata(), null));
        servers.put(node, server);
        final ReplicaPool pool = registry.pool("seldon", "iris", predictor, node);
        pool.add(new ReplicaAddress(node + "-0", "127.0.0.1", server.port()));
        return new PredictorRoute(
                predictor,
                "",
                50,
                false,
                new GraphRoute(node, "DOUBLER", Set.of(Step.PREDICT, Step.SEND_FEEDBACK), List.of(), pool));
    }

    int port() {
        return gateway.port();
    }

    @Override
    public void close() throws Exception {
        gateway.close();
        final List<ModelServer> all = new ArrayList<>(servers.values());
        all.forEach(ModelServer::close);
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
}
