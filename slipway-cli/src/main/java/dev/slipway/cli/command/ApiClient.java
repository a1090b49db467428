package dev.slipway.cli.command;

import dev.slipway.support.Limits;
import dev.slipway.support.Mappers;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/** A small client of the control plane's REST API ({@code slipway up}) for the CLI commands. */
final class ApiClient {

  /** An API answer: status and JSON body. */
  record Answer(int status, JsonNode body) {
    String error() {
      return body.path("error").asText(body.toString());
    }
  }

  private final String server;
  private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
  private final ObjectMapper json = Mappers.json(Limits.PAYLOAD);

  /** The API of slipway up: env {@code SLIPWAY_URL} (pipeline steps of slipway up get it), else the default port. */
  static String defaultServer() {
    final String url = System.getenv("SLIPWAY_URL");
    return url == null || url.isBlank() ? "http://127.0.0.1:8080" : url;
  }

  ApiClient(String server) {
    this.server = server.endsWith("/") ? server.substring(0, server.length() - 1) : server;
  }

  static String deploymentPath(String namespace, String name) {
    return "/api/v1/namespaces/" + enc(namespace) + "/deployments/" + enc(name);
  }

  static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }

  Answer get(String path) throws IOException, InterruptedException {
    return send(HttpRequest.newBuilder(uri(path)).GET(), Duration.ofSeconds(30));
  }

  Answer put(String path, String body, Duration timeout) throws IOException, InterruptedException {
    return send(HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/json")
        .PUT(HttpRequest.BodyPublishers.ofString(body)), timeout);
  }

  Answer post(String path, String body, Duration timeout) throws IOException, InterruptedException {
    return send(HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body)), timeout);
  }

  Answer delete(String path, Duration timeout) throws IOException, InterruptedException {
    return send(HttpRequest.newBuilder(uri(path)).DELETE(), timeout);
  }

  private URI uri(String path) {
    return URI.create(server + path);
  }

  private Answer send(HttpRequest.Builder request, Duration timeout) throws IOException, InterruptedException {
    final String token = System.getenv("SLIPWAY_TOKEN");
    if (token != null && !token.isBlank()) {
      request.header("Authorization", "Bearer " + token.trim()); // a user's token, or a pipeline run's own
    }
    try {
      final HttpResponse<String> r = http.send(request.timeout(timeout).build(), HttpResponse.BodyHandlers.ofString());
      final String body = r.body();
      return new Answer(r.statusCode(), body == null || body.isBlank() ? json.createObjectNode() : json.readTree(body));
    } catch (ConnectException e) {
      throw new IOException("cannot reach the control plane at " + server + " (is 'slipway up' running?)", e);
    }
  }
}
