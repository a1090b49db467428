package dev.slipway.cli.command;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;

/**
 * {@code serve --cds-training}: the requests a replica's training run sends itself before it exits, so that the
 * classes of its request paths (v1 in each payload form, v2, a bad request, health, metadata, metrics) are recorded
 * in the class-data-sharing archive of its class path. The model's answers do not matter (it may refuse them); only
 * the JDK's HTTP client is used, which the replica's class path always has.
 */
final class ReplicaTraining {

    private static final List<String> V1_BODIES = List.of(
            "{\"data\":{\"ndarray\":[[5.1,3.5,1.4,0.2]]}}",
            "{\"data\":{\"names\":[\"a\",\"b\",\"c\",\"d\"],\"tensor\":{\"shape\":[1,4],\"values\":[5.1,3.5,1.4,0.2]}}}",
            "{\"strData\":\"text\"}",
            "{\"jsonData\":{\"k\":\"v\"}}",
            "{\"data\":{\"ndarray\":[1,2");

    private ReplicaTraining() {}

    /** Sends the requests to the server at {@code url} serving model {@code name}; a failed request is ignored. */
    static void exercise(String url, String name) throws InterruptedException {
        final HttpClient http = HttpClient.newHttpClient();
        for (final String body : V1_BODIES) {
            send(http, post(url + "/api/v1.0/predictions", body));
        }
        send(
                http,
                post(
                        url + "/v2/models/" + name + "/infer",
                        "{\"inputs\":[{\"name\":\"input-0\",\"shape\":[1,4],\"datatype\":\"FP32\",\"data\":[5.1,3.5,1.4,0.2]}]}"));
        for (final String path : List.of("/v2/health/ready", "/health/ping", "/api/v1.0/metadata", "/metrics")) {
            send(http, HttpRequest.newBuilder(URI.create(url + path)).GET().build());
        }
    }

    private static HttpRequest post(String url, String body) {
        return HttpRequest.newBuilder(URI.create(url))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
    }

    private static void send(HttpClient http, HttpRequest request) throws InterruptedException {
        try {
            http.send(request, HttpResponse.BodyHandlers.discarding());
        } catch (IOException e) {
            System.err.println("cds-training: " + request.uri() + ": " + e); // the archive is recorded regardless
        }
    }
}
