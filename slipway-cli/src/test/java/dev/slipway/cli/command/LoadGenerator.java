package dev.slipway.cli.command;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/** Steady load on one URL from a few threads; counts answers and keeps every failure. */
final class LoadGenerator implements AutoCloseable {

    final AtomicInteger ok = new AtomicInteger();
    final List<String> failures = new CopyOnWriteArrayList<>();
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final List<Thread> threads = new ArrayList<>();

    LoadGenerator(String url, String body, int threadCount) {
        final HttpClient http =
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        for (int i = 0; i < threadCount; i++) {
            final Thread t = new Thread(
                    () -> {
                        while (running.get()) {
                            try {
                                final HttpResponse<String> r = post(http, url, body);
                                if (r.statusCode() == 200) {
                                    ok.incrementAndGet();
                                } else {
                                    failures.add(r.statusCode() + " " + r.body());
                                }
                            } catch (InterruptedException e) {
                                return;
                            } catch (Exception e) {
                                failures.add(e.toString());
                            }
                        }
                    },
                    "load-" + i);
            t.setDaemon(true);
            t.start();
            threads.add(t);
        }
    }

    /** One JSON POST (30 s at most). */
    static HttpResponse<String> post(HttpClient http, String url, String body)
            throws java.io.IOException, InterruptedException {
        return http.send(
                HttpRequest.newBuilder(URI.create(url))
                        .timeout(Duration.ofSeconds(30))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** Waits until at least {@code count} more requests succeeded (bounded). */
    void awaitMore(int count, Duration timeout) throws InterruptedException {
        final int target = ok.get() + count;
        final long deadline = System.nanoTime() + timeout.toNanos();
        while (ok.get() < target && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
    }

    @Override
    public void close() throws InterruptedException {
        running.set(false);
        for (final Thread t : threads) {
            t.join(30_000);
        }
    }
}
