package dev.slipway.serving.pack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.slipway.serving.ServingConfig;
import dev.slipway.serving.http.Listeners;
import dev.slipway.serving.http.Transports;
import dev.slipway.serving.model.ModelLoader;
import dev.slipway.storage.ModelStorage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Tests for {@link PackedServer#listenOnSocket}: its Unix domain socket gets the limits of its port ({@link
 * Listeners}), checked with raw HTTP/1.1 requests on both.
 */
class PackedServerSocketTest {

    @TempDir
    Path tmp;

    private PackedServer server;
    private Path socket;

    @BeforeEach
    void start() {
        assumeTrue(Transports.isNative(), "Unix domain sockets need the native transport");
        server = PackedServer.start(
                ServingConfig.defaults(),
                new ModelLoader(
                        new ModelStorage(tmp.resolve("cache"), Map.of()),
                        getClass().getClassLoader()),
                List.of(tmp),
                Set.of("SKLEARN_SERVER"));
        socket = tmp.resolve("packed.sock");
        assertThat(server.listenOnSocket(socket)).isTrue();
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
            assertThat(socket).doesNotExist();
        }
    }

    @Test
    void listenOnSocket_sameOptionsAsThePort_idleTimeoutAndLimits() {
        assertThat(server.listenerOptions().getIdleTimeout()).isEqualTo(Listeners.IDLE_TIMEOUT_SECONDS);
        assertThat(server.listenerOptions().getMaxInitialLineLength()).isEqualTo(Listeners.MAX_INITIAL_LINE);
        assertThat(server.listenerOptions().getMaxHeaderSize()).isEqualTo(Listeners.MAX_HEADER_SIZE);
    }

    /**
     * 10 KiB is over Vert.x's default of 4 KiB (what the packed server's socket and port had before) and under the
     * server's 16 KiB; past 16 KiB both refuse with 414.
     */
    @ParameterizedTest
    @CsvSource({"10000, ' 200 '", "16484, ' 414 '"})
    void listenOnSocket_requestLineLength_sameAnswerOnSocketAsOnPort(int padding, String status) throws IOException {
        final String request = "GET /v2/health/ready?pad=" + "a".repeat(padding) + " HTTP/1.1\r\nHost: x\r\n"
                + "Connection: close\r\n\r\n";
        assertThat(statusLine(UnixDomainSocketAddress.of(socket), request)).contains(status);
        assertThat(statusLine(new InetSocketAddress("127.0.0.1", server.port()), request))
                .contains(status);
    }

    @Test
    void listenOnSocket_largeHeadersWithinTheLimit_answeredOnSocket() throws IOException {
        final String request = "GET /v2/health/ready HTTP/1.1\r\nHost: x\r\nX-Pad: " + "b".repeat(20_000)
                + "\r\nConnection: close\r\n\r\n";
        assertThat(statusLine(UnixDomainSocketAddress.of(socket), request)).startsWith("HTTP/1.1 200");
    }

    /** Sends {@code request} as bytes to {@code address} and returns the first line of the answer. */
    private static String statusLine(SocketAddress address, String request) throws IOException {
        try (SocketChannel channel = address instanceof UnixDomainSocketAddress
                ? SocketChannel.open(StandardProtocolFamily.UNIX)
                : SocketChannel.open()) {
            channel.connect(address);
            final ByteBuffer out = ByteBuffer.wrap(request.getBytes(StandardCharsets.US_ASCII));
            while (out.hasRemaining()) {
                channel.write(out);
            }
            final ByteArrayOutputStream in = new ByteArrayOutputStream();
            final ByteBuffer buffer = ByteBuffer.allocate(4096);
            while (channel.read(buffer) > 0) {
                in.write(buffer.array(), 0, buffer.position());
                buffer.clear();
                if (in.toString(StandardCharsets.US_ASCII).contains("\r\n")) {
                    break;
                }
            }
            final String text = in.toString(StandardCharsets.US_ASCII);
            return text.contains("\r\n") ? text.substring(0, text.indexOf("\r\n")) : text;
        }
    }

    @Test
    void close_removesTheSocketFile() {
        assertThat(Files.exists(socket)).isTrue();
    }
}
