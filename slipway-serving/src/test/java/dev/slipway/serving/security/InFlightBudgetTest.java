package dev.slipway.serving.security;

import static org.assertj.core.api.Assertions.assertThat;

import dev.slipway.serving.http.Endpoint;
import dev.slipway.serving.http.ErrorStyle;
import dev.slipway.serving.http.HttpTransport;
import dev.slipway.serving.http.Reply;
import dev.slipway.serving.http.RouteTable;
import dev.slipway.serving.metrics.ServingMetrics;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Finding 11 of issue 13: concurrent large predictions each held their body until the model answered, so together they
 * took the heap (40 x 29 MiB -> 5.4 GB). The server now answers 503 to a request that would push the bytes held by all
 * requests past its budget, and serves again once they are answered.
 */
class InFlightBudgetTest {

    @Test
    void requestsBeyondTheInFlightBudget_are503_andTheBudgetComesBack() throws Exception {
        Vertx vertx = Vertx.vertx();
        CountDownLatch held = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        RouteTable<Endpoint> routes = new RouteTable<Endpoint>()
                .add("POST", "/api/v1.0/predictions", new Endpoint("predictions", ErrorStyle.SELDON, true, request -> {
                    if (request.body().length > 1000) {
                        held.countDown();
                        release.await(30, TimeUnit.SECONDS);
                    }
                    return Reply.json("{\"ok\": true}".getBytes(StandardCharsets.UTF_8));
                }));
        HttpTransport transport =
                new HttpTransport(vertx, routes, new ServingMetrics("d", "p", "m"), 1 << 20, 60_000, false, 1_500_000);
        HttpServer server = vertx.createHttpServer(new HttpServerOptions().setHttp2ClearTextEnabled(false))
                .requestHandler(transport)
                .listen(0, "127.0.0.1")
                .toCompletionStage()
                .toCompletableFuture()
                .get(10, TimeUnit.SECONDS);
        HttpClient http =
                HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        URI uri = URI.create("http://127.0.0.1:" + server.actualPort() + "/api/v1.0/predictions");
        String big = "{\"strData\": \"" + "x".repeat(1_000_000) + "\"}";
        try {
            CompletableFuture<HttpResponse<String>> first = http.sendAsync(
                    HttpRequest.newBuilder(uri)
                            .header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString(big))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(held.await(30, TimeUnit.SECONDS))
                    .as("the first request reached the model")
                    .isTrue();

            HttpResponse<String> second = http.send(
                    HttpRequest.newBuilder(uri)
                            .header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString(big))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(second.statusCode()).isEqualTo(503);
            assertThat(second.body()).contains("retry later");

            release.countDown();
            assertThat(first.get(30, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
            HttpResponse<String> third = http.send(
                    HttpRequest.newBuilder(uri)
                            .header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString("{\"strData\": \"small\"}"))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(third.statusCode()).isEqualTo(200);
        } finally {
            release.countDown();
            server.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
            vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        }
    }
}
