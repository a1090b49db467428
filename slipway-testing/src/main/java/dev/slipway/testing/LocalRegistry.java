package dev.slipway.testing;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * A real OCI registry for tests: Debian's {@code docker-registry} (the CNCF distribution registry) started on a free
 * loopback port with its own configuration and storage folder, no authentication, and stopped by {@link #close}.
 * Tests that need it are skipped with a clear message where the package is not installed ({@code .ci/run} installs
 * it).
 */
public final class LocalRegistry implements AutoCloseable {

    /** The binary Debian's package installs. */
    public static final Path BINARY = Path.of("/usr/bin/docker-registry");

    private final Process process;
    private final int port;
    private final Path dir;

    private LocalRegistry(Process process, int port, Path dir) {
        this.process = process;
        this.port = port;
        this.dir = dir;
    }

    /** True when the registry binary is installed. */
    public static boolean available() {
        return Files.isExecutable(BINARY);
    }

    /** Starts a registry with its storage under {@code dir}; returns once it answers {@code /v2/}. */
    public static LocalRegistry start(Path dir) throws IOException, InterruptedException {
        return start(dir, "delete: {enabled: true}");
    }

    /**
     * Starts a registry in read-only maintenance mode (pulls are served, every push is refused with
     * {@code 405 Method Not Allowed}), to play a registry that refuses a push.
     */
    public static LocalRegistry startReadOnly(Path dir) throws IOException, InterruptedException {
        return start(dir, "maintenance: {readonly: {enabled: true}}");
    }

    private static LocalRegistry start(Path dir, String storageOption) throws IOException, InterruptedException {
        final int port = ChildProcesses.freeLoopbackPort();
        Files.createDirectories(dir.resolve("storage"));
        final Path config = dir.resolve("config.yml");
        Files.writeString(config, """
        version: 0.1
        log: {level: warn}
        storage:
          filesystem: {rootdirectory: %s}
          %s
        http:
          addr: 127.0.0.1:%d
        """.formatted(dir.resolve("storage"), storageOption, port));
        final Process p = new ProcessBuilder(BINARY.toString(), "serve", config.toString())
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("registry.log").toFile())
                .start();
        final LocalRegistry registry = new LocalRegistry(p, port, dir);
        final HttpClient http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(2))
                .build();
        for (int i = 0; i < 200; i++) {
            if (!p.isAlive()) {
                throw new IOException("docker-registry exited: " + Files.readString(dir.resolve("registry.log")));
            }
            try {
                final HttpResponse<Void> r = http.send(
                        HttpRequest.newBuilder(URI.create(registry.url() + "/v2/"))
                                .build(),
                        HttpResponse.BodyHandlers.discarding());
                if (r.statusCode() == 200) {
                    return registry;
                }
            } catch (IOException e) {
                Thread.sleep(50);
            }
        }
        registry.close();
        throw new IOException("docker-registry did not answer on port " + port);
    }

    /** {@code 127.0.0.1:PORT}, the registry part of an image reference. */
    public String host() {
        return "127.0.0.1:" + port;
    }

    /** {@code http://127.0.0.1:PORT}. */
    public String url() {
        return "http://" + host();
    }

    /** The registry's log file. */
    public Path log() {
        return dir.resolve("registry.log");
    }

    @Override
    public void close() {
        ChildProcesses.stop(process, 10);
    }
}
