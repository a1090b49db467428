package dev.slipway.cli.command;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * {@code serve --cds-training}: the requests a replica's training run sends itself before it exits, so that the
 * classes of its request paths (v1 in each payload form, v2, a bad request, health, metadata, metrics) are recorded
 * in the class-data-sharing archive of its class path. The model's answers do not matter (it may refuse them).
 *
 * <p>Each request is written by hand on a plain socket ({@code Connection: close}, the answer read to its end): every
 * class the run loads goes into the archive, and a replica maps the whole archive, so a client library here (the
 * JDK's {@code java.net.http} added 6 MB to the archive) would cost every replica resident memory for classes it never
 * uses (bench/README.md, "Replica JVMs").
 */
final class ReplicaTraining {

    private static final List<String> V1_BODIES = List.of(
            "{\"data\":{\"ndarray\":[[5.1,3.5,1.4,0.2]]}}",
            "{\"data\":{\"names\":[\"a\",\"b\",\"c\",\"d\"],\"tensor\":{\"shape\":[1,4],\"values\":[5.1,3.5,1.4,0.2]}}}",
            "{\"strData\":\"text\"}",
            "{\"jsonData\":{\"k\":\"v\"}}",
            "{\"data\":{\"ndarray\":[1,2");

    private static final int TIMEOUT_MS = 30_000;

    private ReplicaTraining() {}

    /** Sends the requests to the server at {@code url} serving model {@code name}; a failed request is ignored. */
    static void exercise(String url, String name) {
        final URI server = URI.create(url);
        for (final String body : V1_BODIES) {
            send(server, "POST", "/api/v1.0/predictions", body);
        }
        send(
                server,
                "POST",
                "/v2/models/" + name + "/infer",
                "{\"inputs\":[{\"name\":\"input-0\",\"shape\":[1,4],\"datatype\":\"FP32\",\"data\":[5.1,3.5,1.4,0.2]}]}");
        for (final String path : List.of("/v2/health/ready", "/health/ping", "/api/v1.0/metadata", "/metrics")) {
            send(server, "GET", path, null);
        }
    }

    /** One HTTP/1.1 exchange on its own connection; the answer is read to its end and dropped. */
    private static void send(URI server, String method, String path, @Nullable String body) {
        final byte[] content = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
        final String head = method + " " + path + " HTTP/1.1\r\nHost: " + server.getHost() + ":" + server.getPort()
                + "\r\nConnection: close\r\n"
                + (body == null ? "" : "Content-Type: application/json\r\nContent-Length: " + content.length + "\r\n")
                + "\r\n";
        final String host = server.getHost().replace("[", "").replace("]", "");
        try (Socket socket = new Socket(host, server.getPort())) {
            socket.setSoTimeout(TIMEOUT_MS);
            final OutputStream out = socket.getOutputStream();
            out.write(head.getBytes(StandardCharsets.US_ASCII));
            out.write(content);
            out.flush();
            final InputStream in = socket.getInputStream();
            final byte[] buffer = new byte[8192];
            while (in.read(buffer) >= 0) {
                // drained; the server closes the connection after its answer
            }
        } catch (IOException e) {
            System.err.println("cds-training: " + path + ": " + e); // the archive is recorded regardless
        }
    }
}
