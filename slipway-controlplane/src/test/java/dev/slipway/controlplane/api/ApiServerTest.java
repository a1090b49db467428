package dev.slipway.controlplane.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.slipway.api.ApiError;
import dev.slipway.client.SlipwayException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Tests for {@link ApiServer}: one 404 for unknown paths, one error mapping for what routes throw. */
class ApiServerTest {

    private ApiHarness api;

    @BeforeEach
    void start() {
        api = new ApiHarness(replies -> List.of(router -> {
            router.get("/api/v1/promotions").handler(rc -> {
                throw ApiException.badRequest("state: 'x' is not one of open, approved");
            });
            router.get("/api/v1/environments").handler(rc -> {
                throw new IllegalStateException("disk on fire");
            });
        }));
    }

    @AfterEach
    void stop() throws Exception {
        api.close();
    }

    @Test
    void unknownPath_404NamingThePath() {
        assertThatThrownBy(() -> api.client.server("X")).isInstanceOfSatisfying(SlipwayException.class, e -> {
            assertThat(e.status()).isEqualTo(404);
            assertThat(e.getMessage()).isEqualTo("no such API path: /api/v1/servers/X");
        });
    }

    @Test
    void apiException_itsStatusAndMessage() {
        assertThatThrownBy(() -> api.client.promotions(null, "x")).isInstanceOfSatisfying(SlipwayException.class, e -> {
            assertThat(e.status()).isEqualTo(400);
            assertThat(e.badRequest()).isTrue();
            assertThat(e.error()).isEqualTo(ApiError.of("state: 'x' is not one of open, approved"));
        });
    }

    @Test
    void anythingElse_500WithItsMessage() {
        assertThatThrownBy(() -> api.client.environments()).isInstanceOfSatisfying(SlipwayException.class, e -> {
            assertThat(e.status()).isEqualTo(500);
            assertThat(e.getMessage()).isEqualTo("disk on fire");
        });
    }

    @Test
    void healthz_ok() throws Exception {
        final HttpResponse<String> r = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + api.server.port() + "/healthz"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).isEqualTo("ok");
    }

    @Test
    void unreachable_status0NamingTheServer() {
        final int port = api.server.port();
        api.server.close();
        assertThatThrownBy(() -> api.client.runs()).isInstanceOfSatisfying(SlipwayException.class, e -> {
            assertThat(e.status()).isZero();
            assertThat(e.getMessage()).contains("cannot reach the control plane at http://127.0.0.1:" + port);
        });
    }

    /**
     * Issue 13, finding 15: a connection that sends nothing is closed by the server (5 minutes by default; 1 second
     * here), so opening connections and forgetting them cannot exhaust it.
     */
    @Test
    void idleConnection_isClosedByTheServer() throws Exception {
        final ApiServer idle =
                new ApiServer(new Replies(api.vertx, new ErrorMapper()), null, List.of()).start("127.0.0.1", 0, 1);
        try (java.net.Socket socket = new java.net.Socket("127.0.0.1", idle.port())) {
            socket.setSoTimeout(60_000); // a bound on the test only: the server closes long before
            assertThat(socket.getInputStream().read())
                    .as("the server closed the idle connection")
                    .isEqualTo(-1);
        } finally {
            idle.close();
        }
    }
}
