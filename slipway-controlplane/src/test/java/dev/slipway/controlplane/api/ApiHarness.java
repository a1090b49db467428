package dev.slipway.controlplane.api;

import dev.slipway.client.SlipwayClient;
import io.vertx.core.Vertx;
import java.util.List;
import java.util.function.Function;

/** An {@link ApiServer} (no guard) on a free loopback port over its own Vert.x, and the typed client of it. */
final class ApiHarness implements AutoCloseable {

    final Vertx vertx = Vertx.vertx();
    final ApiServer server;
    final SlipwayClient client;

    /** Serves the routes {@code parts} makes with the server's {@link Replies}. */
    ApiHarness(Function<Replies, List<ApiRoutes>> parts) {
        final Replies replies = new Replies(vertx, new ErrorMapper());
        server = new ApiServer(replies, null, parts.apply(replies)).start("127.0.0.1", 0);
        client = new SlipwayClient("http://127.0.0.1:" + server.port(), null);
    }

    @Override
    public void close() throws Exception {
        server.close();
        vertx.close().toCompletionStage().toCompletableFuture().get();
    }
}
