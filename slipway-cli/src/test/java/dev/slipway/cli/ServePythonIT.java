package dev.slipway.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code slipway serve --python DIR}: the packaged CLI serving Seldon Python classes with Debian's interpreter
 * ({@code --python-exec}): answers, the model's prints in the server's log, and hostile or malformed requests
 * refused by the Java side before any worker sees them.
 */
class ServePythonIT {

    static final HttpClient HTTP =
            HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    static Path models() {
        return ServeCustomModelIT.root().resolve("runtimes/slipway-runtime-python/src/test/resources/python");
    }

    static String python() {
        String env = System.getenv("SLIPWAY_PYTHON");
        return env != null && !env.isBlank() ? env : "/usr/bin/python3";
    }

    static HttpResponse<String> post(String url, String contentType, String body) throws Exception {
        return HTTP.send(
                HttpRequest.newBuilder(URI.create(url))
                        .header("Content-Type", contentType)
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void serve_sklearnClass_answersInTheRequestsFormWithClassNames() throws Exception {
        try (SlipwayProcess p = SlipwayProcess.start(
                "serve",
                "--python",
                models().resolve("iris").toString(),
                "--python-exec",
                python(),
                "--model-uri",
                Path.of(System.getProperty("slipway.fixtures"))
                        .resolve("iris-logreg")
                        .toString(),
                "--port",
                "0",
                "--name",
                "iris")) {
            String url = p.awaitUrl() + "/api/v1.0/predictions";
            HttpResponse<String> tensor = post(
                    url, "application/json", "{\"data\":{\"tensor\":{\"shape\":[1,4],\"values\":[5.5,3.5,1.3,0.2]}}}");
            assertThat(tensor.statusCode()).isEqualTo(200);
            assertThat(tensor.body())
                    .contains("\"names\":[\"setosa\",\"versicolor\",\"virginica\"]")
                    .contains("\"tensor\":{\"shape\":[1,3]")
                    .contains("\"tags\":{\"model\":\"iris\"}")
                    .contains("\"key\":\"iris_calls\"");
            HttpResponse<String> ndarray = post(
                    url,
                    "application/json",
                    "{\"data\":{\"ndarray\":[[5.5,3.5,1.3,0.2]]},\"meta\":{\"tags\":{\"a\":1}}}");
            assertThat(ndarray.body())
                    .contains("\"ndarray\":[[0.97663310126610")
                    .contains("\"tags\":{\"a\":1,\"model\":\"iris\"}");
            HttpResponse<String> metrics = HTTP.send(
                    HttpRequest.newBuilder(URI.create(p.awaitUrl() + "/prometheus"))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(metrics.body()).contains("iris_calls_total{");
            assertThat(p.err()).contains("[iris] IrisClassifier.IrisClassifier ready in 1 Python worker(s)");
            p.stop();
        }
    }

    @Test
    void serve_hostileAndMalformedRequests_areRefusedBeforeAnyWorkerSeesThem() throws Exception {
        try (SlipwayProcess p = SlipwayProcess.start(
                "serve",
                "--python",
                models().resolve("echo").toString(),
                "--python-exec",
                python(),
                "--port",
                "0",
                "--name",
                "echo",
                "--max-request-bytes",
                "100000")) {
            String base = p.awaitUrl();
            String url = base + "/api/v1.0/predictions";
            Map<String, String> hostile = Map.of(
                    "{\"data\":{\"ndarray\":[[1,2],[3]]}}",
                    "ragged",
                    "{\"data\":",
                    "truncated",
                    "[".repeat(5000) + "]".repeat(5000),
                    "deep",
                    "{\"data\":{\"tensor\":{\"shape\":[2,2],\"values\":[1,2,3]}}}",
                    "shape",
                    "{\"binData\":\"not base64!!\"}",
                    "base64",
                    "{\"data\":{\"ndarray\":[[1,2]]},\"strData\":\"x\"}",
                    "two payloads");
            for (Map.Entry<String, String> e : hostile.entrySet()) {
                HttpResponse<String> r = post(url, "application/json", e.getKey());
                assertThat(r.statusCode()).as(e.getValue() + ": " + r.body()).isEqualTo(400);
                assertThat(r.body()).contains("\"status\":\"FAILURE\"");
            }
            HttpResponse<String> big = post(url, "application/json", "{\"strData\":\"" + "x".repeat(200_000) + "\"}");
            assertThat(big.statusCode()).isEqualTo(413);
            HttpResponse<String> ok = post(url, "application/json", "{\"strData\":\"fine\"}");
            assertThat(ok.statusCode()).isEqualTo(200);
            assertThat(ok.body()).contains("\"strData\":\"FINE\"");
            HttpResponse<String> json = post(url, "application/json", "{\"jsonData\":{\"k\":[1,2.5,\"s\"]}}");
            assertThat(json.body()).contains("\"jsonData\":{\"echo\":{\"k\":[1,2.5,\"s\"]}}");
            HttpResponse<String> bin = post(url, "application/json", "{\"binData\":\"AQID\"}");
            assertThat(bin.body()).contains("\"binData\":\"AwIB\"");
            p.stop();
            assertThat(p.err()
                            .lines()
                            .filter(l -> l.contains("[echo] predict got"))
                            .map(l -> l.substring(l.indexOf("[echo]"))))
                    .as(p.err())
                    .containsExactly("[echo] predict got str", "[echo] predict got dict", "[echo] predict got bytes");
        }
    }

    @Test
    void serve_importFailure_exitsNonZeroNamingModuleAndInterpreter() throws Exception {
        try (SlipwayProcess p = SlipwayProcess.start(
                "serve", "--python", models().resolve("broken").toString(), "--python-exec", python(), "--port", "0")) {
            assertThat(p.awaitExit()).isEqualTo(1);
            assertThat(p.err())
                    .contains("cannot import module 'Broken'")
                    .contains(python())
                    .contains("module_that_does_not_exist");
        }
    }
}
