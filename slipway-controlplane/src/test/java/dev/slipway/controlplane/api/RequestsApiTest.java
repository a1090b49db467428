package dev.slipway.controlplane.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.slipway.api.LoggedRequest;
import dev.slipway.client.SlipwayClient;
import dev.slipway.client.SlipwayException;
import dev.slipway.controlplane.requestlog.RequestLogStore;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Tests for {@link RequestsApi} through the real {@link ApiServer} and {@link SlipwayClient}: what the store keeps,
 * joined and filtered; the caller's mistakes are 400s naming the parameter; without the sink, a 404 saying how to turn
 * it on.
 */
class RequestsApiTest {

    private static final Instant NOW = Instant.parse("2026-12-05T06:00:00Z");

    @TempDir
    Path data;

    private final Vertx vertx = Vertx.vertx();
    private ApiServer server;
    private SlipwayClient client;

    private void start(@Nullable RequestLogStore store) {
        final Replies replies = new Replies(vertx, new ErrorMapper());
        server = new ApiServer(
                        replies, null, List.of(new RequestsApi(replies, store, Clock.fixed(NOW, ZoneOffset.UTC))))
                .start("127.0.0.1", 0);
        client = new SlipwayClient("http://127.0.0.1:" + server.port(), null);
    }

    @AfterEach
    void stop() {
        server.close();
        vertx.close().toCompletionStage().toCompletableFuture().join();
    }

    private RequestLogStore store() throws Exception {
        final RequestLogStore store = new RequestLogStore(data.resolve("log"), RequestLogStore.Limits.defaults());
        for (int i = 0; i < 5; i++) {
            store.append(new RequestLogStore.Event(
                    NOW.minusSeconds(60L * i),
                    "p" + i,
                    "request",
                    "staging",
                    "iris",
                    "default",
                    "classifier",
                    null,
                    false));
        }
        return store;
    }

    @Test
    void requests_sinceAndLimit_newestFirst() throws Exception {
        start(store());
        assertThat(client.requests("staging", "iris", null, null))
                .extracting(LoggedRequest::puid)
                .containsExactly("p0", "p1", "p2", "p3", "p4");
        assertThat(client.requests("staging", "iris", "2m", null))
                .extracting(LoggedRequest::puid)
                .containsExactly("p0", "p1", "p2");
        assertThat(client.requests("staging", "iris", NOW.minusSeconds(60).toString(), 1))
                .extracting(LoggedRequest::puid)
                .containsExactly("p0");
        assertThat(client.requests("staging", "other", null, null)).isEmpty();
    }

    @Test
    void requests_before_pagesBackFromTheLastShown() throws Exception {
        start(store());
        final List<LoggedRequest> first = client.requests("staging", "iris", null, null, 2);
        assertThat(first).extracting(LoggedRequest::puid).containsExactly("p0", "p1");
        final List<LoggedRequest> second =
                client.requests("staging", "iris", null, first.get(1).time(), 2);
        assertThat(second).extracting(LoggedRequest::puid).containsExactly("p2", "p3");
        assertThat(client.requests("staging", "iris", null, second.get(1).time(), 2))
                .extracting(LoggedRequest::puid)
                .containsExactly("p4");
        // with since: the window between both
        assertThat(client.requests("staging", "iris", "3m", NOW.minusSeconds(60), null))
                .extracting(LoggedRequest::puid)
                .containsExactly("p2", "p3");
    }

    @Test
    void requests_beforePuid_pagesThroughPredictionsMadeAtTheSameTime() throws Exception {
        final RequestLogStore store = store();
        for (final String puid : List.of("s1", "s2", "s3")) { // three more at p1's time
            store.append(new RequestLogStore.Event(
                    NOW.minusSeconds(60), puid, "request", "staging", "iris", "default", "classifier", null, false));
        }
        start(store);
        // newest first: by time, then puid (descending)
        assertThat(client.requests("staging", "iris", null, null))
                .extracting(LoggedRequest::puid)
                .containsExactly("p0", "s3", "s2", "s1", "p1", "p2", "p3", "p4");
        final List<String> paged = new java.util.ArrayList<>();
        List<LoggedRequest> page = client.requests("staging", "iris", null, null, 2);
        while (!page.isEmpty()) {
            page.forEach(r -> paged.add(r.puid()));
            final LoggedRequest last = page.get(page.size() - 1);
            page = client.requests("staging", "iris", null, last.time(), last.puid(), 2);
        }
        assertThat(paged)
                .as("every prediction once, none skipped at a page boundary inside one microsecond")
                .containsExactly("p0", "s3", "s2", "s1", "p1", "p2", "p3", "p4");
        // by time alone (no puid): strictly before
        assertThat(client.requests("staging", "iris", null, NOW.minusSeconds(60), 10))
                .extracting(LoggedRequest::puid)
                .containsExactly("p2", "p3", "p4");
        final Server raw = new Server();
        assertThat(raw.get("/api/v1/namespaces/staging/deployments/iris/requests?beforePuid=s2"))
                .startsWith("400")
                .contains("beforePuid");
    }

    @Test
    void badParameters_are400NamingThem() throws Exception {
        start(store());
        assertThatThrownBy(() -> client.requests("staging", "iris", "yesterday", null))
                .isInstanceOf(SlipwayException.class)
                .hasMessageContaining("since")
                .satisfies(e -> assertThat(((SlipwayException) e).status()).isEqualTo(400));
        final Server raw = new Server();
        assertThat(raw.get("/api/v1/namespaces/staging/deployments/iris/requests?before=yesterday"))
                .startsWith("400")
                .contains("before");
        for (final int limit : new int[] {0, -1, RequestsApi.MAX_LIMIT + 1}) {
            assertThatThrownBy(() -> client.requests("staging", "iris", null, limit))
                    .hasMessageContaining("limit")
                    .satisfies(e -> assertThat(((SlipwayException) e).status()).isEqualTo(400));
        }
        for (final String name : List.of("..", "Iris", "a.b")) {
            assertThatThrownBy(() -> client.requests("staging", name, null, null))
                    .satisfies(e -> assertThat(((SlipwayException) e).status()).isIn(400, 404));
        }
    }

    /** Plain HTTP to the server, for what the typed client cannot send. */
    private final class Server {
        String get(String path) throws Exception {
            final java.net.http.HttpResponse<String> r = java.net.http.HttpClient.newHttpClient()
                    .send(
                            java.net.http.HttpRequest.newBuilder(
                                            java.net.URI.create("http://127.0.0.1:" + server.port() + path))
                                    .build(),
                            java.net.http.HttpResponse.BodyHandlers.ofString());
            return r.statusCode() + " " + r.body();
        }
    }

    @Test
    void withoutTheSink_404SaysHowToTurnItOn() {
        start(null);
        assertThatThrownBy(() -> client.requests("staging", "iris", null, null))
                .hasMessageContaining("--request-log")
                .satisfies(e -> assertThat(((SlipwayException) e).status()).isEqualTo(404));
    }
}
