package dev.slipway.console;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.function.Supplier;

/**
 * The console's client of the control plane's REST API (the same routes the CLI calls), on behalf of one user:
 * every call carries that user's token, so the API decides what the user may see and do. Blocking: call it off
 * the event loop.
 */
final class ApiCalls {

  static final ObjectMapper JSON = new ObjectMapper();

  /** An answer of the API: status, body text and the body as JSON (an empty object when it is not JSON). */
  record Answer(int status, String text, JsonNode json) {
    boolean ok() {
      return status >= 200 && status < 300;
    }

    /** The API's error message, or the body. */
    String error() {
      return json.path("error").asText(text);
    }
  }

  private final Supplier<String> base;
  private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(Duration.ofSeconds(5)).build();

  ApiCalls(Supplier<String> base) {
    this.base = base;
  }

  static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
  }

  Answer get(String path, String token) {
    return send(HttpRequest.newBuilder(uri(path)).GET(), token);
  }

  Answer post(String path, JsonNode body, String token) {
    return send(HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body.toString())), token);
  }

  /** GET that must succeed: else an {@link ApiException} with the API's status and message. */
  JsonNode read(String path, String token) {
    final Answer a = get(path, token);
    if (!a.ok()) {
      throw new ApiException(a.status(), path + ": " + a.error());
    }
    return a.json();
  }

  private URI uri(String path) {
    return URI.create(base.get() + path);
  }

  private Answer send(HttpRequest.Builder request, String token) {
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    try {
      final HttpResponse<String> r = http.send(request.timeout(Duration.ofSeconds(60)).build(),
          HttpResponse.BodyHandlers.ofString());
      final String text = r.body() == null ? "" : r.body();
      JsonNode json;
      try {
        json = text.isBlank() ? JSON.createObjectNode() : JSON.readTree(text);
      } catch (IOException e) {
        json = JSON.createObjectNode(); // a text answer (a log)
      }
      return new Answer(r.statusCode(), text, json);
    } catch (IOException e) {
      throw new ApiException(502, "the API at " + base.get() + " did not answer: " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ApiException(503, "interrupted");
    }
  }

  /** The API refused or failed: its status and message. */
  static final class ApiException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final int status;

    ApiException(int status, String message) {
      super(message);
      this.status = status;
    }

    int status() {
      return status;
    }
  }
}
