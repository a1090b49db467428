package dev.slipway.cli.command;

import org.slf4j.LoggerFactory;
import org.slf4j.Logger;
import dev.slipway.support.Mappers;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.slipway.pipeline.model.PipelineRun;
import dev.slipway.pipeline.run.RunStore;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** The pipelines REST API of a {@code slipway up} server, for the {@code pipeline} commands' {@code --server} mode. */
final class ServerRuns {

  private static final Logger LOG = LoggerFactory.getLogger(ServerRuns.class);

  private static final ObjectMapper JSON = Mappers.json();

  private final String base;
  private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(10)).build();

  ServerRuns(String url) {
    this.base = url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
  }

  List<PipelineRun> list() {
    List<PipelineRun> out = new ArrayList<>();
    for (JsonNode summary : json(send("GET", "/api/v1/pipelines/runs", null))) {
      out.add(get(summary.get("id").asText()));
    }
    return out;
  }

  PipelineRun get(String id) {
    return RunStore.parseRecord(record(id));
  }

  /** The run's record as the server stores it (masked JSON). */
  byte[] record(String id) {
    return send("GET", "/api/v1/pipelines/runs/" + enc(id), null);
  }

  byte[] log(String id) {
    return send("GET", "/api/v1/pipelines/runs/" + enc(id) + "/log", null);
  }

  void cancel(String id) {
    send("POST", "/api/v1/pipelines/runs/" + enc(id) + "/cancel", null);
  }

  /** Queues a run; returns its id. */
  String submit(String repository, String commit, String branch, String pipeline) {
    String body = JSON.createObjectNode().put("repository", repository).put("commit", commit).put("branch", branch)
        .put("pipeline", pipeline).put("user", System.getProperty("user.name", "cli")).toString();
    return json(send("POST", "/api/v1/pipelines/runs", body)).get("id").asText();
  }

  private byte[] send(String method, String path, String body) {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(60))
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
    if (body != null) {
      b.header("Content-Type", "application/json");
    }
    HttpResponse<byte[]> r;
    try {
      r = http.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
    } catch (IOException e) {
      throw new IllegalStateException("cannot reach the server at " + base + ": " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted");
    }
    if (r.statusCode() / 100 != 2) {
      String message = new String(r.body(), StandardCharsets.UTF_8);
      try {
        message = JSON.readTree(r.body()).path("error").asText(message);
      } catch (IOException notJson) {
        // the raw body is the message
        LOG.debug("the raw body is the message", notJson);
      }
      throw new IllegalStateException(base + path + ": " + r.statusCode() + " " + message);
    }
    return r.body();
  }

  private static JsonNode json(byte[] body) {
    try {
      return JSON.readTree(body);
    } catch (IOException e) {
      throw new IllegalStateException("the server's answer is not JSON: " + e.getMessage());
    }
  }

  private static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }
}
