package dev.slipway.controlplane.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Tests for {@link RequestBodyStream}: a 48 MiB body read slowly on a worker holds about one window in memory, and
 * arrives whole (issue 13, finding 11: git pushes are streamed, not buffered).
 */
class RequestBodyStreamTest {

    private static final long WINDOW = 256 * 1024;
    private final Vertx vertx = Vertx.vertx();

    @AfterEach
    void stop() {
        vertx.close().await();
    }

    @Test
    void largeBody_readSlowly_holdsAboutOneWindow_andArrivesWhole() throws Exception {
        AtomicLong most = new AtomicLong();
        HttpServer server = vertx.createHttpServer()
                .requestHandler(req -> {
                    RequestBodyStream body = RequestBodyStream.of(req, vertx.getOrCreateContext(), WINDOW);
                    vertx.executeBlocking(
                                    () -> {
                                        MessageDigest sha = MessageDigest.getInstance("SHA-256");
                                        try (InputStream in = body) {
                                            byte[] buf = new byte[8192];
                                            int n;
                                            long reads = 0;
                                            while ((n = in.read(buf)) >= 0) {
                                                sha.update(buf, 0, n);
                                                most.accumulateAndGet(body.queued(), Math::max);
                                                if (++reads % 512 == 0) {
                                                    Thread.sleep(5); // a slow consumer (git http-backend under load)
                                                }
                                            }
                                        }
                                        return HexFormat.of().formatHex(sha.digest());
                                    },
                                    false)
                            .onComplete(
                                    ar -> req.response().end(ar.succeeded() ? ar.result() : "failed: " + ar.cause()));
                })
                .listen(0, "127.0.0.1")
                .await();
        byte[] data = new byte[48 << 20];
        new Random(13).nextBytes(data);

        HttpResponse<String> r = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .build()
                .send(
                        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.actualPort() + "/"))
                                .POST(HttpRequest.BodyPublishers.ofByteArray(data))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());

        assertThat(r.body())
                .isEqualTo(HexFormat.of()
                        .formatHex(MessageDigest.getInstance("SHA-256").digest(data)));
        assertThat(most.get())
                .as("bytes waiting at most")
                .isLessThan(WINDOW + (1 << 20))
                .isLessThan(data.length / 16);
        server.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
}
