package dev.slipway.serving.pack;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.slipway.serving.ServingConfig;
import dev.slipway.serving.model.ModelLoader;
import dev.slipway.storage.ModelStorage;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Tests for {@link PackedServer}: real scikit-learn and XGBoost models from the shared fixtures hosted in one
 * server, loaded and unloaded through the OIP model-repository API over real HTTP.
 */
class PackedServerTest {

    private static final Path FIXTURES = Path.of(System.getProperty("slipway.fixtures", "../shared/fixtures"))
            .toAbsolutePath()
            .normalize();
    private static final String IRIS = "{\"data\":{\"ndarray\":[[5.5,3.5,1.3,0.2]]}}";
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    private PackedServer server;
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeEach
    void start() {
        server = PackedServer.start(
                ServingConfig.defaults(),
                new ModelLoader(
                        new ModelStorage(tmp.resolve("cache"), Map.of()),
                        getClass().getClassLoader()),
                List.of(FIXTURES, tmp),
                Set.of("SKLEARN_SERVER", "XGBOOST_SERVER", ThrowingModelFactory.NAME));
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private HttpResponse<String> post(String path, String body) throws Exception {
        return http.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
                        .GET()
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> load(String name, String implementation, String uri) throws Exception {
        return post(
                "/v2/repository/models/" + name + "/load",
                JSON.writeValueAsString(Map.of(
                        "parameters",
                        Map.of("implementation", implementation, "uri", uri, "method", "predict_proba"))));
    }

    private static double firstProbability(String body) throws Exception {
        return JSON.readTree(body).path("data").path("ndarray").path(0).path(0).asDouble();
    }

    @Test
    void load_withAServedNameAndAReplicaIdentity_answersAsThatNameWithThoseLabels() throws Exception {
        final Map<String, String> parameters = Map.of(
                "implementation", "SKLEARN_SERVER",
                "uri", FIXTURES.resolve("iris-logreg").toString(),
                "name", "classifier",
                "SELDON_DEPLOYMENT_ID", "iris",
                "SLIPWAY_NAMESPACE", "staging",
                "SLIPWAY_REPLICA", "3");
        assertThat(post(
                                "/v2/repository/models/staging.iris.default.classifier.3-1/load",
                                JSON.writeValueAsString(Map.of("parameters", parameters)))
                        .statusCode())
                .isEqualTo(200);
        final String prefix = "/models/staging.iris.default.classifier.3-1";
        final HttpResponse<String> v2 = post(
                prefix + "/v2/models/classifier/infer",
                "{\"inputs\":[{\"name\":\"x\",\"shape\":[1,4],\"datatype\":\"FP64\",\"data\":[5.5,3.5,1.3,0.2]}]}");
        assertThat(v2.statusCode()).as(v2.body()).isEqualTo(200);
        assertThat(JSON.readTree(v2.body()).path("model_name").asText()).isEqualTo("classifier");
        assertThat(get(prefix + "/metrics").body())
                .contains("deployment_name=\"iris\"", "namespace=\"staging\"", "replica=\"3\"")
                .contains("model_name=\"classifier\"");
    }

    @Test
    void load_twoRuntimes_eachServesByName_withItsOwnMetricsAndReadiness() throws Exception {
        assertThat(load(
                                "logreg",
                                "SKLEARN_SERVER",
                                FIXTURES.resolve("iris-logreg").toString())
                        .statusCode())
                .isEqualTo(200);
        assertThat(load("xgb", "XGBOOST_SERVER", "file://" + FIXTURES.resolve("iris-xgb"))
                        .statusCode())
                .isEqualTo(200);
        final JsonNode expected =
                JSON.readTree(FIXTURES.resolve("iris-logreg/expected.json").toFile());
        final HttpResponse<String> a = post("/models/logreg/api/v1.0/predictions", IRIS);
        assertThat(a.statusCode()).isEqualTo(200);
        assertThat(firstProbability(a.body()))
                .isCloseTo(
                        expected.path("predict_proba").path(0).path(0).asDouble(),
                        org.assertj.core.data.Offset.offset(1e-9));
        assertThat(post("/models/xgb/api/v1.0/predictions", IRIS).statusCode()).isEqualTo(200);
        assertThat(post(
                                "/v2/models/xgb/infer",
                                "{\"inputs\":[{\"name\":\"x\",\"shape\":[1,4],\"datatype\":\"FP64\","
                                        + "\"data\":[5.5,3.5,1.3,0.2]}]}")
                        .statusCode())
                .isEqualTo(200);
        assertThat(get("/v2/models/logreg/ready").statusCode()).isEqualTo(200);
        assertThat(get("/models/logreg/metrics").body())
                .contains("model_name=\"logreg\"")
                .doesNotContain("model_name=\"xgb\"");
        final JsonNode index = JSON.readTree(post("/v2/repository/index", "{}").body());
        assertThat(index).hasSize(2);
        assertThat(index.findValuesAsText("state")).containsOnly("READY");
    }

    @Test
    void load_failingModel_isReportedAndLeavesItsNeighbourServing() throws Exception {
        load("good", "SKLEARN_SERVER", FIXTURES.resolve("iris-logreg").toString());
        final HttpResponse<String> bad = load(
                "bad", "SKLEARN_SERVER", FIXTURES.resolve("corrupt-truncated").toString());
        assertThat(bad.statusCode()).isEqualTo(422);
        assertThat(post("/models/good/api/v1.0/predictions", IRIS).statusCode()).isEqualTo(200);
        assertThat(post("/models/bad/api/v1.0/predictions", IRIS).statusCode()).isEqualTo(404);
        final JsonNode index = JSON.readTree(post("/v2/repository/index", "{}").body());
        assertThat(index.toString()).contains("\"name\":\"bad\",\"state\":\"UNAVAILABLE\"");
    }

    @Test
    void predict_throwingNeighbour_answersItsOwnError_othersKeepServing() throws Exception {
        load("good", "SKLEARN_SERVER", FIXTURES.resolve("iris-logreg").toString());
        Files.createDirectories(tmp.resolve("nothing"));
        assertThat(load(
                                "boom",
                                ThrowingModelFactory.NAME,
                                tmp.resolve("nothing").toString())
                        .statusCode())
                .isEqualTo(200);
        for (int i = 0; i < 5; i++) {
            assertThat(post("/models/boom/api/v1.0/predictions", IRIS).statusCode())
                    .isEqualTo(500);
            assertThat(post("/models/good/api/v1.0/predictions", IRIS).statusCode())
                    .isEqualTo(200);
        }
    }

    @Test
    void unload_stopsOnlyThatModel() throws Exception {
        load("a", "SKLEARN_SERVER", FIXTURES.resolve("iris-logreg").toString());
        load("b", "XGBOOST_SERVER", FIXTURES.resolve("iris-xgb").toString());
        assertThat(post("/v2/repository/models/a/unload", "").statusCode()).isEqualTo(200);
        assertThat(post("/models/a/api/v1.0/predictions", IRIS).statusCode()).isEqualTo(404);
        assertThat(post("/models/b/api/v1.0/predictions", IRIS).statusCode()).isEqualTo(200);
        assertThat(post("/v2/repository/index", "{}").body()).contains("\"name\":\"a\",\"state\":\"UNAVAILABLE\"");
        assertThat(post("/v2/repository/models/never/unload", "").statusCode()).isEqualTo(404);
    }

    @Test
    void load_sameName_underLoad_replacesTheVersion_withoutAFailedRequest() throws Exception {
        load("m", "SKLEARN_SERVER", FIXTURES.resolve("iris-logreg").toString());
        final AtomicBoolean running = new AtomicBoolean(true);
        final AtomicInteger ok = new AtomicInteger();
        final List<String> failures = java.util.Collections.synchronizedList(new ArrayList<>());
        final ExecutorService clients = Executors.newFixedThreadPool(4);
        try {
            final List<Future<?>> done = new ArrayList<>();
            for (int c = 0; c < 4; c++) {
                done.add(clients.submit(() -> {
                    while (running.get()) {
                        try {
                            final HttpResponse<String> r = post("/models/m/api/v1.0/predictions", IRIS);
                            if (r.statusCode() == 200) {
                                ok.incrementAndGet();
                            } else {
                                failures.add(r.statusCode() + " " + r.body());
                            }
                        } catch (Exception e) {
                            failures.add(e.toString());
                        }
                    }
                    return null;
                }));
            }
            for (int i = 0; i < 6; i++) {
                final boolean xgb = i % 2 == 0;
                assertThat(load(
                                        "m",
                                        xgb ? "XGBOOST_SERVER" : "SKLEARN_SERVER",
                                        FIXTURES.resolve(xgb ? "iris-xgb" : "iris-logreg")
                                                .toString())
                                .statusCode())
                        .isEqualTo(200);
            }
            running.set(false);
            for (final Future<?> f : done) {
                f.get();
            }
        } finally {
            running.set(false);
            clients.shutdownNow();
        }
        assertThat(failures).isEmpty();
        assertThat(ok.get()).isPositive();
    }

    @Test
    void load_pathsOutsideTheRoots_everySpelling_areRefusedWithoutSayingWhatIsThere() throws Exception {
        final Path outside = Files.createTempDirectory("slipway-outside");
        try {
            Files.writeString(outside.resolve("model.joblib"), "secret");
            final Path link = Files.createSymbolicLink(tmp.resolve("link"), outside);
            for (final String uri : List.of(
                    outside.toString(),
                    "file://" + outside,
                    "file:" + outside,
                    FIXTURES.resolve("..")
                            .resolve("..")
                            .resolve(outside.toString().substring(1))
                            .toString(),
                    tmp.resolve("..").resolve(outside.getFileName()).toString(),
                    link.toString(),
                    "/etc",
                    "/nonexistent",
                    "http://127.0.0.1:1/model",
                    "s3://bucket/model")) {
                final HttpResponse<String> r = load("x", "SKLEARN_SERVER", uri);
                assertThat(r.statusCode()).as(uri).isEqualTo(400);
                assertThat(r.body()).as(uri).contains("parameters.uri").doesNotContain("secret");
            }
            assertThat(load(
                                    "../x",
                                    "SKLEARN_SERVER",
                                    FIXTURES.resolve("iris-logreg").toString())
                            .statusCode())
                    .isIn(400, 404);
            assertThat(load("x", "PYTHON", FIXTURES.resolve("iris-logreg").toString())
                            .body())
                    .contains("parameters.implementation");
            assertThat(post("/v2/repository/models/x/load", "{not json").statusCode())
                    .isEqualTo(400);
            assertThat(post("/v2/repository/index", "{}").body()).doesNotContain("\"READY\"");
        } finally {
            Files.deleteIfExists(outside.resolve("model.joblib"));
            Files.deleteIfExists(outside);
        }
    }
}
