package dev.slipway.serving.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.slipway.model.ModelContext;
import dev.slipway.model.ModelFactories;
import dev.slipway.model.Parameters;
import dev.slipway.serving.ModelServer;
import dev.slipway.serving.ServingConfig;
import dev.slipway.serving.http.H2c;
import dev.slipway.serving.http.Transports;
import dev.slipway.serving.model.LoadedModel;
import dev.slipway.serving.testing.TestModels;
import io.vertx.core.VertxOptions;
import java.net.ServerSocket;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Tests for the gateway's hop over a replica's Unix domain socket ({@link ModelServer#listenOnSocket},
 * {@link ReplicaAddress#socket()}): on the native transport the gateway prefers the socket to the port.
 */
class ReplicaSocketTest {

    @TempDir
    Path dir;

    @RegisterExtension
    final GatewayHarness harness = new GatewayHarness(1, () -> H2c.vertx(new VertxOptions()));

    /** A model server of {@link TestModels.Doubler}, on a free port. */
    private static ModelServer startDoubler() throws Exception {
        final TestModels.Doubler model = new TestModels.Doubler();
        model.load(new ModelContext("m", null, null, Parameters.of(Map.of()), ModelFactories.of(List.of())));
        return ModelServer.start(
                ServingConfig.defaults(), new LoadedModel("m", "Doubler", model, model.metadata(), null));
    }

    /** Deploys ns/dep: one node "m" over {@code replicas}. */
    private void deploy(ReplicaAddress... replicas) {
        final ReplicaPool pool = harness.routes().pool("ns", "dep", "p", "m");
        for (final ReplicaAddress r : replicas) {
            pool.add(r);
        }
        harness.routes()
                .put(new DeploymentRoute(
                        "ns",
                        "dep",
                        List.of(new PredictorRoute(
                                "p",
                                "",
                                100,
                                false,
                                new GraphRoute("m", "DOUBLER", Set.of(Step.PREDICT), List.of(), pool))),
                        Duration.ofSeconds(10)));
    }

    private HttpResponse<String> predict() throws Exception {
        return harness.post("/seldon/ns/dep/api/v1.0/predictions", "{\"data\":{\"ndarray\":[[1.5]]}}");
    }

    @Test
    void predictions_replicaWithASocket_goThroughTheSocketNotThePort() throws Exception {
        assumeTrue(Transports.isNative(), "the native epoll transport is not available on this platform");
        final Path socket = dir.resolve("m-0.sock");
        try (ModelServer server = startDoubler()) {
            assertThat(server.listenOnSocket(socket)).isTrue();
            assertThat(socket).exists();
            final int deadPort;
            try (ServerSocket s = new ServerSocket(0)) {
                deadPort = s.getLocalPort();
            }
            // the port it announces is dead: only the socket can answer
            deploy(new ReplicaAddress("m-0", "127.0.0.1", deadPort, socket.toString()));
            final HttpResponse<String> answer = predict();
            assertThat(answer.statusCode()).isEqualTo(200);
            assertThat(answer.body()).contains("3.0");
        }
        assertThat(socket).doesNotExist(); // the server removes its socket when it closes
    }

    /**
     * A replica killed mid-request resets its connections: on the native transport the gateway sees Netty's own
     * {@code NativeIoException} (ECONNRESET), not a {@code SocketException}, and must still retry the prediction on
     * another replica (a killed replica under load costs no failed request).
     */
    @Test
    void predictions_replicaResettingTheConnection_areRetriedOnAnother() throws Exception {
        assumeTrue(Transports.isNative(), "the native epoll transport is not available on this platform");
        final Path good = dir.resolve("m-0.sock");
        final Path dying = dir.resolve("m-1.sock");
        final AtomicInteger resets = new AtomicInteger();
        try (ModelServer server = startDoubler();
                ServerSocketChannel resetter = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            assertThat(server.listenOnSocket(good)).isTrue();
            resetter.bind(UnixDomainSocketAddress.of(dying));
            final Thread resetting = new Thread(() -> {
                while (resetter.isOpen()) {
                    try (SocketChannel c = resetter.accept()) {
                        // read one byte and close with the rest of the request unread: the peer gets ECONNRESET
                        c.read(ByteBuffer.allocate(1));
                        resets.incrementAndGet();
                    } catch (java.io.IOException e) {
                        return;
                    }
                }
            });
            resetting.setDaemon(true);
            resetting.start();
            deploy(
                    new ReplicaAddress("m-0", "127.0.0.1", server.port(), good.toString()),
                    new ReplicaAddress("m-1", "127.0.0.1", server.port(), dying.toString()));
            for (int i = 0; i < 4; i++) {
                final HttpResponse<String> answer = predict();
                assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
                assertThat(answer.body()).contains("3.0");
            }
            assertThat(resets.get()).isPositive();
        }
    }

    @Test
    void listenOnSocket_staleFile_isReplaced() throws Exception {
        assumeTrue(Transports.isNative(), "the native epoll transport is not available on this platform");
        final Path socket = dir.resolve("m-0.sock");
        Files.writeString(socket, "left by a replica that was killed");
        try (ModelServer server = startDoubler()) {
            assertThat(server.listenOnSocket(socket)).isTrue();
            assertThat(server.socket()).isEqualTo(socket);
        }
    }
}
