package dev.slipway.testing;

import com.fasterxml.jackson.databind.JsonNode;
import dev.slipway.support.Mappers;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * A real Prometheus for tests: Debian's {@code prometheus} started on a free loopback port with a given configuration
 * file and its own storage folder, queried through its HTTP API, and stopped by {@link #close}. Tests that need it
 * are skipped where the package is not installed ({@code .ci/run} installs it).
 */
public final class LocalPrometheus implements AutoCloseable {

    /** The binary Debian's package installs. */
    public static final Path BINARY = Path.of("/usr/bin/prometheus");

    private final Process process;
    private final int port;
    private final Path log;
    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2))
            .build();

    private LocalPrometheus(Process process, int port, Path log) {
        this.process = process;
        this.port = port;
        this.log = log;
    }

    /** True when the Prometheus binary is installed. */
    public static boolean available() {
        return Files.isExecutable(BINARY);
    }

    /**
     * Starts Prometheus with {@code config} (a {@code prometheus.yml} text), its storage and log under {@code dir};
     * returns once it answers {@code /-/ready}. A port taken between choosing and binding is retried with another.
     */
    public static LocalPrometheus start(Path dir, String config) throws IOException, InterruptedException {
        Files.createDirectories(dir.resolve("data"));
        final Path file = dir.resolve("prometheus.yml");
        Files.writeString(file, config);
        IOException last = null;
        for (int attempt = 0; attempt < 3; attempt++) {
            final int port = ChildProcesses.freeLoopbackPort();
            final Path log = dir.resolve("prometheus-" + attempt + ".log");
            final Process p = new ProcessBuilder(
                            BINARY.toString(),
                            "--config.file=" + file,
                            "--storage.tsdb.path=" + dir.resolve("data"),
                            "--web.listen-address=127.0.0.1:" + port,
                            "--log.level=warn")
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile())
                    .start();
            final LocalPrometheus prometheus = new LocalPrometheus(p, port, log);
            try {
                prometheus.awaitReady(Duration.ofSeconds(60));
                return prometheus;
            } catch (IOException e) {
                prometheus.close();
                last = e;
            }
        }
        throw last;
    }

    private void awaitReady(Duration limit) throws IOException, InterruptedException {
        final long deadline = System.nanoTime() + limit.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IOException("prometheus exited: " + Files.readString(log));
            }
            try {
                final HttpResponse<Void> r = http.send(
                        HttpRequest.newBuilder(URI.create(url() + "/-/ready")).build(),
                        HttpResponse.BodyHandlers.discarding());
                if (r.statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(50); // polling a starting process; bounded by the deadline
        }
        throw new IOException(
                "prometheus did not get ready on port " + port + " within " + limit + ": " + Files.readString(log));
    }

    /** {@code http://127.0.0.1:PORT}. */
    public String url() {
        return "http://127.0.0.1:" + port;
    }

    /** Its log (warnings and errors). */
    public String log() throws IOException {
        return Files.readString(log);
    }

    /** {@code GET /api/v1/query?query=PROMQL}: the {@code data.result} array (an error status throws). */
    public JsonNode query(String promql) throws IOException, InterruptedException {
        return get("/api/v1/query?query=" + URLEncoder.encode(promql, StandardCharsets.UTF_8))
                .path("data")
                .path("result");
    }

    /** {@code GET /api/v1/targets}: the {@code data.activeTargets} array. */
    public JsonNode activeTargets() throws IOException, InterruptedException {
        return get("/api/v1/targets?state=active").path("data").path("activeTargets");
    }

    private JsonNode get(String pathAndQuery) throws IOException, InterruptedException {
        final HttpResponse<String> r = http.send(
                HttpRequest.newBuilder(URI.create(url() + pathAndQuery))
                        .timeout(Duration.ofSeconds(10))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        final JsonNode body = Mappers.json().readTree(r.body());
        if (r.statusCode() != 200 || !"success".equals(body.path("status").asText())) {
            throw new IOException("prometheus answered " + r.statusCode() + " to " + pathAndQuery + ": " + r.body());
        }
        return body;
    }

    @Override
    public void close() {
        ChildProcesses.stop(process, 20);
    }
}
