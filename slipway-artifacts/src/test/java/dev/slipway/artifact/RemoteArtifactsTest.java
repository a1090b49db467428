package dev.slipway.artifact;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Tests for {@link RemoteArtifacts}' credentials against a real HTTP server on a free port that, like
 * {@code slipway up --auth}, answers 401 without a bearer token.
 */
class RemoteArtifactsTest {

    private HttpServer server;
    private final List<String> authorizations = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start() throws Exception {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/api/v1/artifacts", exchange -> {
            final String auth = exchange.getRequestHeaders().getFirst("Authorization");
            authorizations.add(String.valueOf(auth));
            final boolean ok = "Bearer run-token".equals(auth);
            final byte[] body = (ok
                            ? "{\"artifacts\": [{\"name\": \"a\", \"version\": \"1\"}]}"
                            : "{\"error\": \"a token is required\"}")
                    .getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(ok ? 200 : 401, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private URI uri() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    @Test
    void token_isSentAsBearer() {
        assertThat(new RemoteArtifacts(uri(), " run-token\n").list()).hasSize(1);
        assertThat(authorizations).containsExactly("Bearer run-token");
    }

    @Test
    void noToken_sendsNoHeader_andTheRefusalIsReported() {
        assertThatThrownBy(() -> new RemoteArtifacts(uri(), "  ").list()).hasMessageContaining("401");
        assertThat(authorizations).containsExactly("null");
    }
}
