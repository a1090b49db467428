package dev.slipway.storage;

import dev.slipway.model.Model;
import dev.slipway.model.ModelContext;
import dev.slipway.model.ModelFactories;
import dev.slipway.model.Parameters;
import dev.slipway.model.Payload;
import dev.slipway.model.Tensor;
import dev.slipway.testing.ReferenceFixture;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * End to end for {@link ModelStorage}: each ONNX and XGBoost fixture fetched from {@code file:},
 * {@code http:} (a tar.gz) and {@code s3:} URIs, loaded through the public runtime registry, and
 * compared with Python's outputs.
 */
class RemoteFixturesTest {

    private static final Path FIXTURES = Path.of(System.getProperty("slipway.fixtures", "../../shared/fixtures"))
            .toAbsolutePath()
            .normalize();

    private static LocalS3 s3;
    private static LocalHttpServer http;

    @TempDir
    static Path cache;

    /** fixture, runtime, model file, method parameter, expected.json key. */
    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of("iris-onnx", "ONNX_SERVER", "model.onnx", null, "probabilities"),
                Arguments.of("digits-cnn-onnx", "ONNX_SERVER", "model.onnx", null, "probabilities"),
                Arguments.of("iris-xgb", "XGBOOST_SERVER", "model.json", "predict_proba", "predict_proba"),
                Arguments.of("iris-xgb", "XGBOOST_SERVER", "model.ubj", "output_margin", "output_margin"),
                Arguments.of("iris-xgb", "XGBOOST_SERVER", "model.bst", "predict", "predict"));
    }

    static Stream<Arguments> casesWithSchemes() {
        return cases().flatMap(a -> Stream.of("file", "http", "s3").map(s -> {
            Object[] v = a.get();
            return Arguments.of(s, v[0], v[1], v[2], v[3], v[4]);
        }));
    }

    @BeforeAll
    static void start() throws Exception {
        s3 = new LocalS3();
        s3.createBucket("fixtures");
        http = new LocalHttpServer();
        for (Arguments a : cases().toList()) {
            String fixture = (String) a.get()[0];
            String file = (String) a.get()[2];
            byte[] model = Files.readAllBytes(FIXTURES.resolve(fixture).resolve(file));
            s3.put("fixtures", "models/" + fixture + "-" + file + "/" + file, model);
            byte[] tgz = TestArchives.tarGz().file(file, model).build();
            http.route("/" + fixture + "-" + file + ".tar.gz", ex -> {
                ex.getResponseHeaders().add("ETag", "\"" + fixture + file + "\"");
                LocalHttpServer.send(ex, 200, tgz);
            });
        }
    }

    @AfterAll
    static void stop() throws Exception {
        s3.close();
        http.close();
    }

    @ParameterizedTest(name = "{0}: {1} {3} {4}")
    @MethodSource("casesWithSchemes")
    void fetchAndServe_matchesPython(
            String scheme, String fixture, String runtime, String file, String method, String key) throws Exception {
        String uri = switch (scheme) {
            case "file" -> {
                Path dir = Files.createDirectories(cache.resolve("local-" + fixture + "-" + file));
                Files.copy(
                        FIXTURES.resolve(fixture).resolve(file),
                        dir.resolve(file),
                        java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                yield dir.toUri().toString();
            }
            case "http" -> http.url("/" + fixture + "-" + file + ".tar.gz");
            default -> "s3://fixtures/models/" + fixture + "-" + file;
        };
        ReferenceFixture reference = ReferenceFixture.named(fixture);
        try (ModelStorage storage = new ModelStorage(cache.resolve("cache"), s3.environment())) {
            Path dir = storage.fetch(uri);
            ModelFactories runtimes = ModelFactories.load(getClass().getClassLoader());
            try (Model model = runtimes.require(runtime).create()) {
                model.load(new ModelContext(
                        fixture,
                        dir,
                        uri,
                        Parameters.of(method == null ? Map.of() : Map.of("method", method)),
                        runtimes));
                Tensor out = model.predict(Payload.of(reference.input())).tensor();
                ReferenceFixture.assertFloat32Close(out, reference.expected(key));
            }
        }
    }
}
