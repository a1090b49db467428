package dev.slipway.serving;

import static org.assertj.core.api.Assertions.assertThat;

import dev.slipway.model.ModelContext;
import dev.slipway.model.ModelFactories;
import dev.slipway.model.Parameters;
import dev.slipway.serving.model.LoadedModel;
import dev.slipway.serving.testing.ServerExtension;
import dev.slipway.serving.testing.TestModels;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Tests for {@link ModelServer}: defaults of a minimal model, graceful shutdown, bind failures. */
class ModelServerTest {

    @RegisterExtension
    static final ServerExtension MINIMAL = new ServerExtension("minimal", TestModels.Minimal::new);

    @Test
    void minimalModel_unimplementedOperationsAre501_andDefaultsAreSeldons() throws Exception {
        ServerExtension.Answer route = MINIMAL.post("/route", "{\"data\": {\"ndarray\": [1]}}");
        assertThat(route.status()).isEqualTo(501);
        assertThat(route.body()).contains("this model is not a router");
        assertThat(MINIMAL.post("/aggregate", "{\"seldonMessages\": [{\"strData\": \"a\"}]}")
                        .status())
                .isEqualTo(501);
        ServerExtension.Answer fb = MINIMAL.post("/api/v1.0/feedback", "{\"reward\": 1}");
        assertThat(fb.status()).isEqualTo(200);
        assertThat(fb.body()).contains("\"data\":{\"names\":[],\"ndarray\":[]}");
        assertThat(MINIMAL.post("/transform-input", "{\"strData\": \"same\"}").body())
                .contains("\"strData\":\"same\"");
        assertThat(MINIMAL.get("/api/v1.0/metadata").body()).contains("\"platform\":\"custom\"");
    }

    @Test
    void close_letsInFlightRequestsFinish() throws Exception {
        TestModels.Gate gate = new TestModels.Gate();
        ModelServer server = ModelServer.start(
                ServingConfig.defaults().withShutdownGrace(Duration.ofSeconds(20)),
                new LoadedModel("gate", "Gate", gate, gate.metadata(), null));
        HttpClient client = HttpClient.newHttpClient();
        CompletableFuture<HttpResponse<String>> inFlight = client.sendAsync(
                HttpRequest.newBuilder(URI.create(server.url() + "/api/v1.0/predictions"))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString("{\"strData\": \"wait\"}"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(TestModels.Gate.ENTERED.await(10, TimeUnit.SECONDS)).isTrue();
        CompletableFuture<Void> closing = CompletableFuture.runAsync(server::close);
        awaitRefusingConnections(server.port());
        TestModels.Gate.RELEASE.countDown();
        HttpResponse<String> r = inFlight.get(20, TimeUnit.SECONDS);
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).contains("\"strData\":\"wait\"");
        closing.get(30, TimeUnit.SECONDS);
    }

    @Test
    void start_onATakenPort_saysWhichPort() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            TestModels.Minimal m = new TestModels.Minimal();
            m.load(new ModelContext("m", null, null, Parameters.empty(), ModelFactories.of(List.of())));
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> ModelServer.start(
                            ServingConfig.defaults()
                                    .withPort(taken.getLocalPort())
                                    .withShutdownGrace(Duration.ofSeconds(1)),
                            new LoadedModel("m", "Minimal", m, m.metadata(), null)))
                    .hasMessageContaining("could not listen on 127.0.0.1:" + taken.getLocalPort());
        }
    }

    /** Shutdown has begun once the port refuses new connections; the gated request is still in flight. */
    private static void awaitRefusingConnections(int port) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            try (java.net.Socket s = new java.net.Socket(java.net.InetAddress.getLoopbackAddress(), port)) {
                Thread.sleep(20);
            } catch (java.io.IOException refused) {
                return;
            }
        }
        throw new AssertionError("the server kept accepting connections after close() began");
    }
}
