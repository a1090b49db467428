package dev.slipway.controlplane;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.slipway.gitops.target.local.LocalRuntimeConfig;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Tests for {@link DeploymentsApi}: the caller's mistakes get 4xx answers naming the field; nothing starts. */
class DeploymentsApiTest {

  @TempDir Path data;
  private ControlPlane plane;
  private final HttpClient http = HttpClient.newHttpClient();

  @BeforeEach
  void start() {
    final LocalRuntimeConfig runtime = LocalRuntimeConfig.defaults(data, (spec, host) -> {
      throw new AssertionError("no server may start in these tests");
    });
    plane = new ControlPlane(new ControlPlaneConfig(runtime, "127.0.0.1", 0, 0, 1)).start();
  }

  @AfterEach
  void stop() {
    plane.close();
  }

  private HttpResponse<String> send(String method, String path, String body) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + plane.apiPort() + path))
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
        .build(), HttpResponse.BodyHandlers.ofString());
  }

  private static JsonNode json(String s) throws Exception {
    return new ObjectMapper().readTree(s);
  }

  private static final String SPEC = """
      apiVersion: machinelearning.seldon.io/v1
      kind: SeldonDeployment
      metadata: {name: iris}
      spec:
        predictors:
        - name: p
          replicas: %s
          graph: {name: m, implementation: SKLEARN_SERVER, modelUri: "%s"}
      """;

  @Test
  void put_invalidSpec_is400WithProblemPaths() throws Exception {
    final HttpResponse<String> r = send("PUT", "/api/v1/namespaces/ns/deployments/iris",
        SPEC.formatted("-1", "file:///m"));
    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(json(r.body()).at("/problems/0/path").asText()).isEqualTo("spec.predictors[0].replicas");
    assertThat(json(r.body()).at("/problems/0/message").asText()).isEqualTo("must not be negative, found -1");
    assertThat(plane.list()).isEmpty();
  }

  @Test
  void put_relativeModelUriInABody_is400() throws Exception {
    final HttpResponse<String> r = send("PUT", "/api/v1/namespaces/ns/deployments/iris", SPEC.formatted("1", "./m"));
    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(r.body()).contains("relative modelUri './m' needs the manifest's folder");
  }

  @Test
  void put_nameOrNamespaceMismatch_is400() throws Exception {
    assertThat(send("PUT", "/api/v1/namespaces/ns/deployments/other", SPEC.formatted("1", "file:///m")).body())
        .contains("metadata.name: is 'iris' but the path says 'other'");
    final String namespaced = SPEC.formatted("1", "file:///m").replace("{name: iris}", "{name: iris, namespace: a}");
    final HttpResponse<String> r = send("PUT", "/api/v1/namespaces/b/deployments/iris", namespaced);
    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(r.body()).contains("metadata.namespace: is 'a' but the path says 'b'");
  }

  @Test
  void getAndDelete_unknown_are404AndListIsEmpty() throws Exception {
    assertThat(send("GET", "/api/v1/namespaces/ns/deployments/nope", null).statusCode()).isEqualTo(404);
    assertThat(send("DELETE", "/api/v1/namespaces/ns/deployments/nope", null).statusCode()).isEqualTo(404);
    assertThat(json(send("GET", "/api/v1/deployments", null).body())).isEmpty();
    assertThat(send("GET", "/api/v1/nothing", null).statusCode()).isEqualTo(404);
    assertThat(plane.restoreProblems()).isEqualTo(List.of());
  }
}
