package dev.slipway.cli.command;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.slipway.cli.SlipwayProcess;
import dev.slipway.gitops.spec.SpecParser;
import dev.slipway.kubernetes.render.NativeRenderer;
import dev.slipway.kubernetes.render.RenderMode;
import dev.slipway.kubernetes.render.RenderOptions;
import dev.slipway.kubernetes.target.MockCluster;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Tests for {@link GatewayCommand}: {@code slipway gateway --kubernetes-namespace models} as a real process (the
 * packaged jar, port 0) against a Kubernetes API <em>mock</em> (fabric8's kubernetes-server-mock in CRUD mode) that
 * holds route ConfigMaps exactly as the renderer writes them; the nodes' "Services" are real model servers
 * ({@code slipway serve}) on loopback ports, mapped with {@code --resolve}. A new deployment, a changed traffic split
 * and a deleted deployment are served without a restart; a broken ConfigMap leaves the previous route serving.
 */
class GatewayCommandIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String NS = "models";

    @TempDir
    static Path tmp;

    static MockCluster cluster;
    static KubernetesClient client;
    static SlipwayProcess logreg;
    static SlipwayProcess forest;
    static SlipwayProcess gateway;
    static String url;
    static final HttpClient HTTP = HttpClient.newHttpClient();

    static Path fixture(String name) {
        return Path.of(System.getProperty("slipway.fixtures", "../../shared/fixtures"))
                .resolve(name)
                .toAbsolutePath();
    }

    static SlipwayProcess serve(String fixture, String node) throws Exception {
        return SlipwayProcess.start(
                "serve",
                "--implementation",
                "SKLEARN_SERVER",
                "--model-uri",
                fixture(fixture).toUri().toString(),
                "--name",
                node,
                "--port",
                "0",
                "--grpc-port",
                "-1");
    }

    static int port(SlipwayProcess p) throws Exception {
        return URI.create(p.awaitUrl()).getPort();
    }

    /** A SeldonDeployment NAME whose predictors are {@code main} (node classifier) and {@code canary} (node forest). */
    static String spec(String name, int mainTraffic) {
        return """
        {"apiVersion": "machinelearning.seldon.io/v1", "kind": "SeldonDeployment", "metadata": {"name": "%s"},
         "spec": {"predictors": [
           {"name": "main", "traffic": %d, "graph": {"name": "classifier", "implementation": "SKLEARN_SERVER",
             "modelUri": "s3://models/logreg"}},
           {"name": "canary", "traffic": %d, "graph": {"name": "forest", "implementation": "SKLEARN_SERVER",
             "modelUri": "s3://models/forest"}}]}}
        """.formatted(name, mainTraffic, 100 - mainTraffic);
    }

    /** The route ConfigMap the renderer writes for {@code spec}, applied to the mock. */
    static void route(String spec) {
        final ConfigMap cm = new NativeRenderer()
                        .render(
                                new SpecParser().parse(spec, "test.json", null),
                                new RenderOptions(RenderMode.NATIVE, NS, RenderOptions.DEFAULT_SERVER_IMAGE))
                        .stream()
                        .filter(ConfigMap.class::isInstance)
                        .map(ConfigMap.class::cast)
                        .findFirst()
                        .orElseThrow();
        client.resource(cm).serverSideApply();
    }

    @BeforeAll
    static void start() throws Exception {
        cluster = new MockCluster();
        client = cluster.client();
        logreg = serve("iris-logreg", "classifier");
        forest = serve("iris-rf", "forest");
        final int logregPort = port(logreg);
        final int forestPort = port(forest);
        route(spec("iris", 100));
        gateway = SlipwayProcess.start(
                Map.of("KUBECONFIG", cluster.kubeconfig(tmp, "mock").toString()),
                "gateway",
                "--kubernetes-namespace",
                NS,
                "--port",
                "0",
                "--threads",
                "1",
                "--resolve",
                "iris-main-classifier.models.svc:9000=127.0.0.1:" + logregPort,
                "--resolve",
                "iris-canary-forest.models.svc:9000=127.0.0.1:" + forestPort,
                "--resolve",
                "fresh-main-classifier.models.svc:9000=127.0.0.1:" + logregPort,
                "--resolve",
                "fresh-canary-forest.models.svc:9000=127.0.0.1:" + forestPort);
        url = gateway.awaitUrl();
    }

    @AfterAll
    static void stop() throws Exception {
        for (final SlipwayProcess p : new SlipwayProcess[] {gateway, logreg, forest}) {
            if (p != null) {
                p.close();
            }
        }
        if (client != null) {
            client.close();
        }
        if (cluster != null) {
            cluster.close();
        }
    }

    static HttpResponse<String> post(String path, String body) throws Exception {
        return HTTP.send(
                HttpRequest.newBuilder(URI.create(url + path))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    static JsonNode predict(String deployment) throws Exception {
        final HttpResponse<String> r = post(
                "/seldon/" + NS + "/" + deployment + "/api/v1.0/predictions",
                "{\"data\": {\"ndarray\": [[5.5, 3.5, 1.3, 0.2], [6.5, 3.0, 5.2, 2.0]]}}");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return JSON.readTree(r.body());
    }

    static <T> T await(String what, Callable<T> probe) throws Exception {
        return dev.slipway.testing.Poll.until(
                what, Duration.ofSeconds(30), probe, () -> "; gateway stderr: " + gateway.err());
    }

    @Test
    void gateway_routesFromConfigMaps_andLearnsChangesWithoutRestart() throws Exception {
        final JsonNode first = predict("iris");
        assertThat(first.at("/data/ndarray")).as(first.toString()).hasSize(2);
        assertThat(first.at("/meta/requestPath").has("classifier"))
                .as(first.toString())
                .isTrue();
        final HttpResponse<String> v2 = post("/seldon/" + NS + "/iris/v2/models/classifier/infer", """
        {"inputs": [{"name": "input-0", "shape": [2, 4], "datatype": "FP64",
                     "data": [5.5, 3.5, 1.3, 0.2, 6.5, 3.0, 5.2, 2.0]}]}""");
        assertThat(v2.statusCode()).as(v2.body()).isEqualTo(200);
        assertThat(JSON.readTree(v2.body()).at("/outputs/0/shape/0").asInt())
                .as(v2.body())
                .isEqualTo(2);

        route(spec("iris", 0));
        await(
                "the changed traffic split served",
                () -> predict("iris").at("/meta/requestPath").has("forest"));
        for (int i = 0; i < 5; i++) {
            assertThat(predict("iris").at("/meta/requestPath").has("forest"))
                    .as("all traffic to canary")
                    .isTrue();
        }

        assertThat(post("/seldon/" + NS + "/fresh/api/v1.0/predictions", "{\"data\": {\"ndarray\": [[1,2,3,4]]}}")
                        .statusCode())
                .isEqualTo(404);
        route(spec("fresh", 100));
        await(
                "a new deployment served",
                () -> predict("fresh").at("/meta/requestPath").has("classifier"));

        client.configMaps()
                .inNamespace(NS)
                .withName(NativeRenderer.ROUTE_PREFIX + "fresh")
                .delete();
        await(
                "a deleted deployment no longer served",
                () -> post("/seldon/" + NS + "/fresh/api/v1.0/predictions", "{\"data\": {\"ndarray\": [[1,2,3,4]]}}")
                                .statusCode()
                        == 404);

        final ConfigMap broken = client.configMaps()
                .inNamespace(NS)
                .withName(NativeRenderer.ROUTE_PREFIX + "iris")
                .get();
        broken.getData().put(NativeRenderer.ROUTE_KEY, "{\"kind\": \"SeldonDeployment\", \"spec\": 3}");
        broken.getMetadata().setManagedFields(null);
        broken.getMetadata().setResourceVersion(null);
        client.resource(broken).update();
        await(
                "the broken ConfigMap reported",
                () -> gateway.err().contains("ConfigMap models/slipway-route-iris ignored"));
        assertThat(predict("iris").at("/meta/requestPath").has("forest"))
                .as("the previous route keeps serving")
                .isTrue();
    }
}
