package dev.slipway.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * {@code slipway serve --watch-parent PID} stops once its supervisor is gone even while it still loads its model:
 * a supervisor killed in that window (as {@code UpCrashIT} kills {@code slipway up} mid-rollout) leaves no orphan.
 */
class ServeWatchParentIT {

    @Test
    void aSupervisorGoneWhileTheModelLoads_stopsTheServer() throws Exception {
        CountDownLatch asked = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        HttpServer store = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        // the model's file never comes while the test runs: the server stays in its load
        store.createContext("/", exchange -> {
            asked.countDown();
            try {
                release.await(5, TimeUnit.MINUTES);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            exchange.close();
        });
        store.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
        store.start();
        Process supervisor = new ProcessBuilder("sleep", "600").start();
        try (SlipwayProcess serve = SlipwayProcess.start(
                "serve",
                "--implementation",
                "SKLEARN_SERVER",
                "--model-uri",
                "http://127.0.0.1:" + store.getAddress().getPort() + "/model.joblib",
                "--port",
                "0",
                "--watch-parent",
                Long.toString(supervisor.pid()))) {
            assertThat(asked.await(120, TimeUnit.SECONDS))
                    .as("the server asks for its model; " + serve.err())
                    .isTrue();
            supervisor.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            // exit 0 is the watch's orderly exit; a failed download would exit 1 with an error
            assertThat(serve.awaitExit(Duration.ofSeconds(60))).as(serve.err()).isZero();
        } finally {
            supervisor.destroyForcibly();
            release.countDown();
            store.stop(0);
        }
    }
}
