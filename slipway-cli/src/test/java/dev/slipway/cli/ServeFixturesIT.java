package dev.slipway.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.slipway.protocol.v1.SeldonMessage;
import dev.slipway.protocol.v1.SeldonMessageReader;
import dev.slipway.testing.ReferenceFixture;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every reference fixture through the packaged {@code slipway serve} as a child process, from a
 * {@code file:} URI, with the Seldon request in its {@code inputs.json}: the answer must be Python's
 * (labels exact, floats within the fixture's tolerance). The error fixtures must make the process exit
 * non-zero naming the file and the reason.
 */
class ServeFixturesIT {

    @TempDir
    Path cache;

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    /** fixture, implementation, model file, method parameter name, method, expected key. */
    static Stream<Arguments> served() throws Exception {
        List<Arguments> out = new ArrayList<>();
        for (JsonNode f : ReferenceFixture.index().get("fixtures")) {
            String name = f.get("name").asText();
            String kind = f.get("kind").asText();
            for (JsonNode m : f.get("methods")) {
                String method = m.asText();
                switch (kind) {
                    case "sklearn" ->
                        out.add(Arguments.of(
                                name, "SKLEARN_SERVER", f.get("model_file").asText(), "method", method, method));
                    case "onnx" -> out.add(Arguments.of(name, "ONNX_SERVER", "model.onnx", "output", method, method));
                    case "xgboost" -> {
                        for (String file : List.of("model.json", "model.ubj", "model.bst")) {
                            out.add(Arguments.of(name, "XGBOOST_SERVER", file, "method", method, method));
                        }
                    }
                    default -> {}
                }
            }
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0} {2} {4}")
    @MethodSource("served")
    void serve_fixture_answersAsPython(
            String fixture, String implementation, String file, String param, String method, String key)
            throws Exception {
        Path dir = Files.createDirectories(cache.resolve(fixture + "-" + file.replace('.', '-')));
        // a model folder holding only the file under test (the xgboost fixture ships three formats)
        Files.copy(ReferenceFixture.root().resolve(fixture).resolve(file), dir.resolve(file));
        try (SlipwayProcess p = SlipwayProcess.start(
                "serve",
                "--implementation",
                implementation,
                "--model-uri",
                dir.toUri().toString(),
                "--param",
                param + "=" + method,
                "--port",
                "0",
                "--cache-dir",
                cache.resolve("c").toString())) {
            String url = p.awaitUrl();
            byte[] inputs =
                    Files.readAllBytes(ReferenceFixture.root().resolve(fixture).resolve("inputs.json"));
            HttpResponse<String> r = HTTP.send(
                    HttpRequest.newBuilder(URI.create(url + "/api/v1.0/predictions"))
                            .header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofByteArray(inputs))
                            .build(),
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
            SeldonMessage m = SeldonMessageReader.readMessage(r.body().getBytes(StandardCharsets.UTF_8));
            JsonNode tolerance = ReferenceFixture.named(fixture).tolerance(key);
            ReferenceFixture.assertMatches(
                    m.payload().tensor(),
                    ReferenceFixture.named(fixture).expected().get(key),
                    tolerance,
                    fixture + " " + key);
        }
    }

    static Stream<Arguments> refused() {
        return Stream.of(
                Arguments.of("evil", "posix.system"),
                Arguments.of("corrupt-truncated", "model.joblib"),
                Arguments.of("corrupt-empty", "model.joblib"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refused")
    void serve_errorFixture_exitsNonZeroNamingTheFile(String fixture, String mention) throws Exception {
        Path dir = ReferenceFixture.root().resolve(fixture);
        Path marker = Path.of("/tmp/pwned"); // what the evil pickle would create if anything executed it
        boolean existedBefore = Files.exists(marker);
        try (SlipwayProcess p = SlipwayProcess.start(
                Map.of("HOME", cache.toString()),
                "serve",
                "--implementation",
                "SKLEARN_SERVER",
                "--model-uri",
                dir.toUri().toString(),
                "--port",
                "0")) {
            assertThat(p.awaitExit()).isEqualTo(1);
            assertThat(p.err())
                    .contains("could not load SKLEARN_SERVER from model URI")
                    .contains(mention);
            assertThat(p.out()).doesNotContain("listening");
        }
        if (!existedBefore) {
            assertThat(marker).doesNotExist();
        }
    }
}
