package dev.slipway.controlplane.requestlog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.slipway.api.LoggedRequest;
import dev.slipway.serving.gateway.InProcessSink;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Tests for {@link RequestLogSink}: a real listener on a free loopback port, a store in a temporary folder. */
class RequestLogSinkTest {

    private static final HttpClient HTTP =
            HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @TempDir
    Path dir;

    private final Vertx vertx = Vertx.vertx();
    private RequestLogSink sink;

    @AfterEach
    void stop() {
        if (sink != null) {
            sink.close();
        }
        vertx.close().toCompletionStage().toCompletableFuture().join();
    }

    private RequestLogSink start(RequestLogStore.Limits limits) {
        sink = new RequestLogSink(vertx, new RequestLogStore(dir.resolve("log"), limits)).start();
        return sink;
    }

    private static Map<String, String> event(String id, String type, String ns, String name) {
        return Map.of(
                "Ce-Specversion",
                "1.0",
                "Ce-Id",
                id,
                "Ce-Type",
                type,
                "Ce-Namespace",
                ns,
                "Ce-Inferenceservicename",
                name,
                "Ce-Endpoint",
                "default",
                "Ce-Modelid",
                "classifier");
    }

    private static HttpResponse<String> post(String url, Map<String, String> headers, String body) throws Exception {
        final HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url))
                .timeout(Duration.ofSeconds(10))
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .header("Content-Type", "application/json");
        headers.forEach(b::header);
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void post_requestResponseAndFeedback_keptAndJoinedByPuid() throws Exception {
        start(RequestLogStore.Limits.defaults());
        assertThat(post(
                                sink.url(),
                                event("p1", "io.seldon.serving.inference.request", "staging", "iris"),
                                "{\"data\":{\"ndarray\":[[1,2]]}}")
                        .statusCode())
                .isEqualTo(202);
        assertThat(post(
                                sink.url(),
                                event("p1", "io.seldon.serving.inference.response", "staging", "iris"),
                                "{\"data\":{\"ndarray\":[2]}}")
                        .statusCode())
                .isEqualTo(202);
        assertThat(post(
                                sink.url(),
                                event("p1", "io.seldon.serving.feedback", "staging", "iris"),
                                "{\"reward\":1.0,\"truth\":{\"data\":{\"ndarray\":[2]}}}")
                        .statusCode())
                .isEqualTo(202);

        final List<LoggedRequest> joined = RequestJoin.join(sink.store().events("staging", "iris"), null, 10);
        assertThat(joined).hasSize(1);
        final LoggedRequest r = joined.get(0);
        assertThat(r.puid()).isEqualTo("p1");
        assertThat(r.predictor()).isEqualTo("default");
        assertThat(r.nodes()).containsExactly("classifier");
        assertThat(r.request()).isEqualTo(Map.of("data", Map.of("ndarray", List.of(List.of(1, 2)))));
        assertThat(r.response()).isEqualTo(Map.of("data", Map.of("ndarray", List.of(2))));
        assertThat(r.feedback().reward()).isEqualTo(1.0);
        assertThat(r.feedback().truth()).isEqualTo(Map.of("data", Map.of("ndarray", List.of(2))));
    }

    @Test
    void wrongKey_isNotFound_andKeepsNothing() throws Exception {
        start(RequestLogStore.Limits.defaults());
        final String other = sink.url().replaceAll("/events/.*", "/events/00000000000000000000000000000000");
        for (final String url : List.of(
                other,
                sink.url() + "x",
                sink.url().replaceAll("/events/.*", "/events/"),
                sink.url().replace("/events/", "/events/../events/"))) {
            assertThat(post(url, event("p1", "io.seldon.serving.inference.request", "staging", "iris"), "{}")
                            .statusCode())
                    .as(url)
                    .isEqualTo(404);
        }
        assertThat(dir.resolve("log")).doesNotExist();
    }

    @ParameterizedTest
    @ValueSource(strings = {"..", "../../etc", "a/b", "Staging", "-a", "%2e%2e", ""})
    void namesThatAreNotDnsLabels_areRefused_andNoFolderIsMade(String bad) throws Exception {
        start(RequestLogStore.Limits.defaults());
        assertThat(post(
                                sink.url(),
                                event("p1", "io.seldon.serving.inference.request", bad.isEmpty() ? " " : bad, "iris"),
                                "{}")
                        .statusCode())
                .isEqualTo(400);
        final HttpResponse<String> byName = post(
                sink.url(),
                event("p1", "io.seldon.serving.inference.request", "staging", bad.isEmpty() ? " " : bad),
                "{}");
        assertThat(byName.statusCode()).isEqualTo(400);
        assertThat(byName.body()).contains("Ce-");
        assertThat(dir.resolve("log")).doesNotExist();
    }

    @Test
    void badAttributes_areRefusedNamingTheHeader() throws Exception {
        start(RequestLogStore.Limits.defaults());
        final HttpResponse<String> type = post(sink.url(), event("p1", "io.example.other", "staging", "iris"), "{}");
        assertThat(type.statusCode()).isEqualTo(400);
        assertThat(type.body()).contains("Ce-Type");
        final HttpResponse<String> id =
                post(sink.url(), event("p 1/..", "io.seldon.serving.inference.request", "staging", "iris"), "{}");
        assertThat(id.statusCode()).isEqualTo(400);
        assertThat(id.body()).contains("Ce-Id");
        final HttpResponse<String> get = HTTP.send(
                HttpRequest.newBuilder(URI.create(sink.url())).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(get.statusCode()).isEqualTo(405);
    }

    @Test
    void oversizedOrNonJsonPayload_keptAsMarkedOrText() throws Exception {
        start(new RequestLogStore.Limits(100, 1 << 20, 64, 10));
        assertThat(post(
                                sink.url(),
                                event("big", "io.seldon.serving.inference.request", "staging", "iris"),
                                "{\"data\":{\"ndarray\":[" + "1,".repeat(100) + "1]}}")
                        .statusCode())
                .isEqualTo(202);
        assertThat(post(sink.url(), event("txt", "io.seldon.serving.inference.request", "staging", "iris"), "not json")
                        .statusCode())
                .isEqualTo(202);
        final List<LoggedRequest> joined = RequestJoin.join(sink.store().events("staging", "iris"), null, 10);
        assertThat(joined).extracting(LoggedRequest::puid).containsExactlyInAnyOrder("big", "txt");
        final LoggedRequest big =
                joined.stream().filter(r -> r.puid().equals("big")).findFirst().orElseThrow();
        assertThat(big.truncated()).isTrue();
        assertThat(big.request()).isNull();
        assertThat(joined.stream()
                        .filter(r -> r.puid().equals("txt"))
                        .findFirst()
                        .orElseThrow()
                        .request())
                .isEqualTo("not json");
    }

    @Test
    void manyEvents_keepTheLastOnes_inTwoFilesAtMost() throws Exception {
        start(new RequestLogStore.Limits(3, 1 << 20, 1024, 10));
        for (int i = 0; i < 10; i++) {
            assertThat(post(
                                    sink.url(),
                                    event("p" + i, "io.seldon.serving.inference.request", "staging", "iris"),
                                    "{\"i\":" + i + "}")
                            .statusCode())
                    .isEqualTo(202);
        }
        final List<RequestLogStore.Event> kept = sink.store().events("staging", "iris");
        assertThat(kept).hasSizeBetween(3, 6);
        assertThat(kept.get(kept.size() - 1).id()).isEqualTo("p9");
        assertThat(kept)
                .extracting(RequestLogStore.Event::id)
                .contains("p7", "p8", "p9")
                .doesNotContain("p0", "p1", "p2");
        try (Stream<Path> files = Files.list(dir.resolve("log/staging/iris"))) {
            assertThat(files.count()).isLessThanOrEqualTo(2);
        }
    }

    @Test
    void moreDeploymentsThanTheLimit_areRefused_theKeptOnesStillTakeEvents() throws Exception {
        start(new RequestLogStore.Limits(10, 1 << 20, 1024, 2));
        assertThat(post(sink.url(), event("a", "io.seldon.serving.inference.request", "ns", "one"), "{}")
                        .statusCode())
                .isEqualTo(202);
        assertThat(post(sink.url(), event("b", "io.seldon.serving.inference.request", "ns", "two"), "{}")
                        .statusCode())
                .isEqualTo(202);
        assertThat(post(sink.url(), event("c", "io.seldon.serving.inference.request", "ns", "three"), "{}")
                        .statusCode())
                .isEqualTo(507);
        assertThat(post(sink.url(), event("d", "io.seldon.serving.inference.request", "ns", "one"), "{}")
                        .statusCode())
                .isEqualTo(202);
        assertThat(dir.resolve("log/ns/three")).doesNotExist();
    }

    private static InProcessSink.Event inProcess(String id, String type, String ns, String name, String body) {
        return new InProcessSink.Event(
                id,
                type,
                Instant.parse("2026-12-05T10:00:00Z"),
                ns,
                name,
                "default",
                "classifier",
                Buffer.buffer(body));
    }

    /** Waits until the store keeps {@code n} events of staging/iris (the writer takes in-process events in batches). */
    private List<RequestLogStore.Event> awaitEvents(int n) throws Exception {
        final long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        List<RequestLogStore.Event> kept = sink.store().events("staging", "iris");
        while (kept.size() < n && System.nanoTime() < end) {
            Thread.sleep(10);
            kept = sink.store().events("staging", "iris");
        }
        return kept;
    }

    @Test
    void offer_inProcess_keptAsAPostWouldBe_withoutHttp() throws Exception {
        start(new RequestLogStore.Limits(100, 1 << 20, 64, 10));
        assertThat(sink.offer(inProcess(
                        "p1",
                        "io.seldon.serving.inference.request",
                        "staging",
                        "iris",
                        "{\"data\":{\"ndarray\":[[1,2]]}}")))
                .isTrue();
        assertThat(sink.offer(inProcess(
                        "p1", "io.seldon.serving.inference.response", "staging", "iris", "{\"data\": [2.5] }")))
                .isTrue();
        assertThat(sink.offer(inProcess("txt", "io.seldon.serving.inference.request", "staging", "iris", "not json")))
                .isTrue();
        assertThat(sink.offer(inProcess(
                        "big",
                        "io.seldon.serving.inference.request",
                        "staging",
                        "iris",
                        "{\"data\":{\"ndarray\":[" + "1,".repeat(100) + "1]}}")))
                .isTrue();
        final List<RequestLogStore.Event> kept = awaitEvents(4);
        assertThat(kept).extracting(RequestLogStore.Event::id).containsExactly("p1", "p1", "txt", "big");
        assertThat(kept.get(0).time()).isEqualTo(Instant.parse("2026-12-05T10:00:00Z"));
        assertThat(kept.get(0).type()).isEqualTo("request");
        assertThat(kept.get(0).node()).isEqualTo("classifier");
        assertThat(kept.get(0).payload()).hasToString("{\"data\":{\"ndarray\":[[1,2]]}}");
        assertThat(kept.get(1).payload()).hasToString("{\"data\":[2.5]}");
        assertThat(kept.get(2).payload().asText()).isEqualTo("not json");
        assertThat(kept.get(3).truncated()).isTrue();
        assertThat(kept.get(3).payload()).isNull();
    }

    @Test
    void offer_fromManyThreads_keepsEveryEvent_eachThreadsInOrder_acrossDeployments() throws Exception {
        start(new RequestLogStore.Limits(100_000, 64L << 20, 4096, 10));
        final int threads = 4;
        final int each = 5_000;
        final java.util.concurrent.CountDownLatch go = new java.util.concurrent.CountDownLatch(1);
        final java.util.concurrent.atomic.AtomicInteger refused = new java.util.concurrent.atomic.AtomicInteger();
        final List<Thread> started = new java.util.ArrayList<>();
        for (int t = 0; t < threads; t++) {
            final int thread = t;
            final Thread producer = new Thread(() -> {
                try {
                    go.await();
                } catch (InterruptedException e) {
                    return;
                }
                for (int i = 0; i < each; i++) {
                    // the ring's records vary in length; every third event's payload takes Jackson's path
                    final String body = i % 3 == 0
                            ? "{\n\"n\": " + i + "}"
                            : "{\"data\":{\"ndarray\":[[" + i + ",\"" + "x".repeat(i % 500) + "\"]]}}";
                    while (!sink.offer(inProcess(
                            "t" + thread + "-" + i,
                            "io.seldon.serving.inference.request",
                            "staging",
                            thread % 2 == 0 ? "iris" : "wine",
                            body))) {
                        refused.incrementAndGet(); // the ring is full: the writer is behind, try again
                        Thread.onSpinWait();
                    }
                }
            });
            producer.start();
            started.add(producer);
        }
        go.countDown();
        for (final Thread t : started) {
            t.join(60_000);
        }
        final List<RequestLogStore.Event> iris = awaitEvents(2 * each);
        List<RequestLogStore.Event> wine = sink.store().events("staging", "wine");
        final long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (wine.size() < 2 * each && System.nanoTime() < end) {
            Thread.sleep(10);
            wine = sink.store().events("staging", "wine");
        }
        assertThat(iris).hasSize(2 * each);
        assertThat(wine).hasSize(2 * each);
        for (final List<RequestLogStore.Event> kept : List.of(iris, wine)) {
            final java.util.Map<String, Integer> next = new java.util.HashMap<>();
            for (final RequestLogStore.Event e : kept) {
                final String thread = e.id().substring(0, e.id().indexOf('-'));
                final int i = Integer.parseInt(e.id().substring(e.id().indexOf('-') + 1));
                assertThat(i).as("events of %s in order", thread).isEqualTo(next.getOrDefault(thread, 0));
                next.put(thread, i + 1);
                final com.fasterxml.jackson.databind.JsonNode payload = e.payload();
                assertThat(payload).isNotNull();
                assertThat(
                                i % 3 == 0
                                        ? payload.get("n").asInt()
                                        : payload.at("/data/ndarray/0/0").asInt())
                        .isEqualTo(i);
            }
        }
    }

    @Test
    void offer_afterAQuietSpell_wakesTheWriterThatSleepsUntilAnEventComes() throws Exception {
        start(RequestLogStore.Limits.defaults());
        final long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!sink.asleep() && System.nanoTime() < end) {
            Thread.sleep(10);
        }
        assertThat(sink.asleep())
                .as("an idle writer sleeps until an event comes")
                .isTrue();
        assertThat(sink.offer(inProcess("p1", "io.seldon.serving.inference.request", "staging", "iris", "[1]")))
                .isTrue();
        assertThat(awaitEvents(1)).extracting(RequestLogStore.Event::id).containsExactly("p1");
    }

    @Test
    void offer_badAttributes_areRefusedNamingThem_andKeepNothing() {
        start(RequestLogStore.Limits.defaults());
        assertThatThrownBy(() -> sink.offer(inProcess("p1", "io.seldon.serving.inference.request", "..", "iris", "{}")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Ce-Namespace");
        assertThatThrownBy(() -> sink.offer(inProcess("p 1/..", "io.seldon.serving.inference.request", "a", "b", "{}")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Ce-Id");
        assertThatThrownBy(() -> sink.offer(inProcess("p1", "io.example.other", "a", "b", "{}")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Ce-Type");
        assertThat(dir.resolve("log")).doesNotExist();
    }
}
