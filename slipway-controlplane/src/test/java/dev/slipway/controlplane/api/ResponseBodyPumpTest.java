package dev.slipway.controlplane.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.MessageDigest;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Tests for {@link ResponseBodyPump}: a 48 MiB answer read slowly by the client holds about one window in memory and
 * arrives whole (issue 13: a fetch's pack is streamed from {@code git http-backend}, not collected up to 1 GiB).
 */
class ResponseBodyPumpTest {

    private static final long WINDOW = 256 * 1024;
    private final Vertx vertx = Vertx.vertx();

    @AfterEach
    void stop() {
        vertx.close().await();
    }

    @Test
    void largeAnswer_toASlowClient_holdsAboutOneWindow_andArrivesWhole() throws Exception {
        byte[] data = new byte[48 << 20];
        new Random(13).nextBytes(data);
        CompletableFuture<ResponseBodyPump> pumped = new CompletableFuture<>();
        HttpServer server = vertx.createHttpServer()
                .requestHandler(req -> {
                    req.response().setChunked(true).putHeader("Content-Type", "application/x-git-upload-pack-result");
                    ResponseBodyPump pump = new ResponseBodyPump(req.response(), vertx.getOrCreateContext(), WINDOW);
                    vertx.executeBlocking(() -> pump.pump(new ByteArrayInputStream(data)), false)
                            .onComplete(ar -> pumped.complete(pump));
                })
                .listen(0, "127.0.0.1")
                .await();

        HttpResponse<InputStream> r = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .build()
                .send(
                        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.actualPort() + "/"))
                                .build(),
                        HttpResponse.BodyHandlers.ofInputStream());
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        long total = 0;
        try (InputStream in = r.body()) {
            byte[] buf = new byte[8192];
            int n;
            long reads = 0;
            while ((n = in.read(buf)) >= 0) {
                sha.update(buf, 0, n);
                total += n;
                if (++reads % 512 == 0) {
                    Thread.sleep(5); // a slow client
                }
            }
        }

        assertThat(total).isEqualTo(data.length);
        assertThat(sha.digest()).isEqualTo(MessageDigest.getInstance("SHA-256").digest(data));
        ResponseBodyPump pump = pumped.get(60, TimeUnit.SECONDS);
        assertThat(pump.maxInFlight())
                .as("bytes written but not yet sent, at most")
                .isLessThanOrEqualTo(WINDOW + 64 * 1024)
                .isLessThan(data.length / 16);
        server.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
}
