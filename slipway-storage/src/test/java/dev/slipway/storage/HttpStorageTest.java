package dev.slipway.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.OutputStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Tests for {@link HttpStorage}, through {@link ModelStorage} and its cache, against a real local server. */
class HttpStorageTest {

    @TempDir
    Path tmp;

    private LocalHttpServer server;
    private ModelStorage storage;

    @BeforeEach
    void start() throws Exception {
        server = new LocalHttpServer();
        storage = new ModelStorage(
                tmp.resolve("cache"),
                Map.of(),
                StorageOptions.DEFAULTS
                        .withReadTimeout(Duration.ofSeconds(2))
                        .withConnectTimeout(Duration.ofSeconds(2)));
    }

    @AfterEach
    void stop() {
        storage.close();
        server.close();
    }

    /** Serves {@code body} with an ETag and answers 304 to a matching If-None-Match. */
    private void serveWithEtag(String path, byte[] body, String etag) {
        server.route(path, ex -> {
            if (etag.equals(ex.getRequestHeaders().getFirst("If-None-Match"))) {
                ex.sendResponseHeaders(304, -1);
                return;
            }
            ex.getResponseHeaders().add("ETag", etag);
            LocalHttpServer.send(ex, 200, body);
        });
    }

    @Test
    void fetch_singleFile_keptUnderItsNameInAFolder() throws Exception {
        serveWithEtag("/models/model.onnx", "ONNX".getBytes(StandardCharsets.UTF_8), "\"v1\"");
        Path dir = storage.fetch(server.url("/models/model.onnx"));
        assertThat(dir).isDirectory();
        assertThat(dir.resolve("model.onnx")).hasContent("ONNX");
        assertThat(dir).startsWith(tmp.resolve("cache"));
    }

    @Test
    void fetch_tarGz_isUnpacked() throws Exception {
        byte[] tgz = TestArchives.tarGz()
                .file("MLmodel", "flavors: {}")
                .file("model/model.json", "{}")
                .build();
        serveWithEtag("/m.tar.gz", tgz, "\"a\"");
        Path dir = storage.fetch(server.url("/m.tar.gz"));
        assertThat(dir.resolve("MLmodel")).hasContent("flavors: {}");
        assertThat(dir.resolve("model/model.json")).hasContent("{}");
        assertThat(dir.resolve("m.tar.gz")).doesNotExist();
    }

    @Test
    void fetch_zipWithTraversal_isRefusedAndNotCached() throws Exception {
        serveWithEtag("/evil.zip", TestArchives.zip("../../x.txt", "x"), "\"e\"");
        assertThatThrownBy(() -> storage.fetch(server.url("/evil.zip")))
                .isInstanceOf(StorageException.class)
                .hasMessageContaining(server.url("/evil.zip"))
                .hasMessageContaining("'..'");
        try (var files = Files.walk(tmp)) {
            assertThat(files.filter(p -> p.getFileName().toString().equals("x.txt")))
                    .isEmpty();
        }
    }

    @Test
    void fetch_unchangedWithEtag_isAConditionalRequestWithoutBody() throws Exception {
        AtomicBoolean bodySent = new AtomicBoolean();
        server.route("/m/model.bst", ex -> {
            if ("\"v1\"".equals(ex.getRequestHeaders().getFirst("If-None-Match"))) {
                ex.sendResponseHeaders(304, -1);
                return;
            }
            bodySent.set(true);
            ex.getResponseHeaders().add("ETag", "\"v1\"");
            LocalHttpServer.send(ex, 200, new byte[] {1, 2, 3});
        });
        Path first = storage.fetch(server.url("/m/model.bst"));
        bodySent.set(false);
        Path second = storage.fetch(server.url("/m/model.bst"));
        assertThat(second).isEqualTo(first);
        assertThat(bodySent).isFalse();
        assertThat(server.count("/m/model.bst")).isEqualTo(2);
    }

    @Test
    void fetch_lastModifiedOnly_sendsIfModifiedSince() throws Exception {
        String date = "Wed, 21 Oct 2015 07:28:00 GMT";
        List<String> seen = new ArrayList<>();
        server.route("/model.json", ex -> {
            String since = ex.getRequestHeaders().getFirst("If-Modified-Since");
            seen.add(String.valueOf(since));
            if (date.equals(since)) {
                ex.sendResponseHeaders(304, -1);
                return;
            }
            ex.getResponseHeaders().add("Last-Modified", date);
            LocalHttpServer.send(ex, 200, "{}".getBytes(StandardCharsets.UTF_8));
        });
        Path first = storage.fetch(server.url("/model.json"));
        assertThat(storage.fetch(server.url("/model.json"))).isEqualTo(first);
        assertThat(seen).containsExactly("null", date);
    }

    @Test
    void fetch_serverClosesMidBody_isNeverUsedAndRetriedCleanly() throws Exception {
        AtomicBoolean broken = new AtomicBoolean(true);
        byte[] full = new byte[100_000];
        java.util.Arrays.fill(full, (byte) 7);
        server.route("/big/model.onnx", ex -> {
            ex.getResponseHeaders().add("ETag", "\"big\"");
            ex.sendResponseHeaders(200, full.length);
            OutputStream out = ex.getResponseBody();
            if (broken.get()) {
                out.write(full, 0, 1000);
                out.flush();
                // close the connection without the rest: the announced length is never reached
                ex.getHttpContext().getServer().stop(0);
                return;
            }
            out.write(full);
            out.close();
        });
        String url = server.url("/big/model.onnx");
        assertThatThrownBy(() -> storage.fetch(url))
                .isInstanceOf(StorageException.class)
                .hasMessageContaining(url)
                .satisfies(e -> assertThat(((StorageException) e).reason())
                        .isIn(StorageException.Reason.INCOMPLETE, StorageException.Reason.UNREACHABLE));
        try (var files = Files.walk(tmp.resolve("cache"))) {
            assertThat(files.filter(p -> p.getFileName().toString().equals("model.onnx")))
                    .isEmpty();
        }
        // a new server on another port serves it whole: the retry starts from nothing
        server.close();
        server = new LocalHttpServer();
        broken.set(false);
        server.route("/big/model.onnx", ex -> {
            ex.getResponseHeaders().add("ETag", "\"big\"");
            LocalHttpServer.send(ex, 200, full);
        });
        Path dir = storage.fetch(server.url("/big/model.onnx"));
        assertThat(Files.readAllBytes(dir.resolve("model.onnx"))).isEqualTo(full);
    }

    @Test
    void fetch_wrongContentLength_isIncomplete() throws Exception {
        int port;
        try (ServerSocket raw = new ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress())) {
            port = raw.getLocalPort();
            Thread t = new Thread(() -> {
                try (var s = raw.accept()) {
                    s.getInputStream().read(new byte[4096]);
                    s.getOutputStream()
                            .write("HTTP/1.1 200 OK\r\nContent-Length: 500\r\nConnection: close\r\n\r\nonly-a-few-bytes"
                                    .getBytes(StandardCharsets.US_ASCII));
                } catch (Exception e) {
                    // the test asserts on the client side
                }
            });
            t.start();
            String url = "http://127.0.0.1:" + port + "/model.onnx";
            assertThatThrownBy(() -> storage.fetch(url))
                    .isInstanceOf(StorageException.class)
                    .hasMessageContaining(url)
                    .satisfies(e ->
                            assertThat(((StorageException) e).reason()).isEqualTo(StorageException.Reason.INCOMPLETE));
            t.join(5000);
        }
    }

    @Test
    void fetch_missing_namesUriAndNotFound() {
        server.route("/", ex -> LocalHttpServer.send(ex, 404, "no such model".getBytes(StandardCharsets.UTF_8)));
        String url = server.url("/nope/model.onnx");
        assertThatThrownBy(() -> storage.fetch(url))
                .isInstanceOf(StorageException.class)
                .hasMessageContaining(url)
                .hasMessageContaining("not found (HTTP 404)")
                .satisfies(
                        e -> assertThat(((StorageException) e).reason()).isEqualTo(StorageException.Reason.NOT_FOUND));
    }

    @Test
    void fetch_forbidden_saysDenied() {
        server.route("/", ex -> LocalHttpServer.send(ex, 403, new byte[0]));
        assertThatThrownBy(() -> storage.fetch(server.url("/secret/model.onnx")))
                .hasMessageContaining("denied (HTTP 403")
                .satisfies(e -> assertThat(((StorageException) e).reason()).isEqualTo(StorageException.Reason.DENIED));
    }

    @Test
    void fetch_connectionRefused_saysUnreachable() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        String url = "http://127.0.0.1:" + port + "/model.onnx";
        assertThatThrownBy(() -> storage.fetch(url))
                .hasMessageContaining(url)
                .hasMessageContaining("unreachable")
                .satisfies(e ->
                        assertThat(((StorageException) e).reason()).isEqualTo(StorageException.Reason.UNREACHABLE));
    }

    @Test
    void fetch_serverNeverAnswers_timesOutInsteadOfHanging() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        server.route("/slow/model.onnx", ex -> {
            try {
                release.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        try {
            assertThatThrownBy(() -> storage.fetch(server.url("/slow/model.onnx")))
                    .hasMessageContaining("unreachable")
                    .hasMessageContaining("SocketTimeoutException");
        } finally {
            release.countDown();
        }
    }

    @Test
    void fetch_concurrentCallsForOneUri_downloadOnce() throws Exception {
        CountDownLatch first = new CountDownLatch(1);
        server.route("/c/model.onnx", ex -> {
            first.countDown();
            try {
                Thread.sleep(300); // hold the download open so that the other callers queue behind it
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            LocalHttpServer.send(ex, 200, "same".getBytes(StandardCharsets.UTF_8)); // no validator at all
        });
        ExecutorService pool = Executors.newFixedThreadPool(6);
        try {
            List<Future<Path>> results = new ArrayList<>();
            results.add(pool.submit(() -> storage.fetch(server.url("/c/model.onnx"))));
            first.await(10, TimeUnit.SECONDS);
            for (int i = 0; i < 5; i++) {
                results.add(pool.submit(() -> storage.fetch(server.url("/c/model.onnx"))));
            }
            Path expected = results.get(0).get(30, TimeUnit.SECONDS);
            for (Future<Path> f : results) {
                assertThat(f.get(30, TimeUnit.SECONDS)).isEqualTo(expected);
            }
            assertThat(server.count("/c/model.onnx")).isEqualTo(1);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void fetch_overSizeLimit_failsNamingTheLimit() throws Exception {
        ModelStorage small = new ModelStorage(tmp.resolve("c2"), Map.of(), StorageOptions.DEFAULTS.withMaxBytes(10));
        server.route("/huge/model.onnx", ex -> LocalHttpServer.send(ex, 200, new byte[1000]));
        assertThatThrownBy(() -> small.fetch(server.url("/huge/model.onnx")))
                .hasMessageContaining("too large")
                .hasMessageContaining("limit of 10 bytes");
    }

    @Test
    void fetch_redirectToAnotherServer_isFollowedAndKeepsTheUrisFileName() throws Exception {
        try (LocalHttpServer other = new LocalHttpServer()) {
            other.route(
                    "/store/blob-123", ex -> LocalHttpServer.send(ex, 200, "ONNX".getBytes(StandardCharsets.UTF_8)));
            server.route("/r/model.onnx", ex -> {
                ex.getResponseHeaders().add("Location", other.url("/store/blob-123"));
                ex.sendResponseHeaders(302, -1);
            });
            assertThat(storage.fetch(server.url("/r/model.onnx")).resolve("model.onnx"))
                    .hasContent("ONNX");
        }
    }

    @Test
    void fetch_redirectLoop_stops() {
        server.route("/loop/model.onnx", ex -> {
            ex.getResponseHeaders().add("Location", server.url("/loop/model.onnx"));
            ex.sendResponseHeaders(302, -1);
        });
        assertThatThrownBy(() -> storage.fetch(server.url("/loop/model.onnx"))).hasMessageContaining("redirect");
    }

    @Test
    void fetch_urlWithoutFileName_isRefused() {
        assertThatThrownBy(() -> storage.fetch(server.url("/"))).hasMessageContaining("does not name a file");
    }
}
