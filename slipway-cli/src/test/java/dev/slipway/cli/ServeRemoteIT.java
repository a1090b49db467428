package dev.slipway.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.slipway.protocol.v1.SeldonMessage;
import dev.slipway.protocol.v1.SeldonMessageReader;
import dev.slipway.testing.ReferenceFixture;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.nio2blob.TransientNio2BlobStore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Each runtime (SKLEARN_SERVER, ONNX_SERVER, XGBOOST_SERVER, MLFLOW_SERVER over ONNX and scikit-learn)
 * through the packaged {@code slipway serve} from {@code http:} (a .tar.gz) and {@code s3:} model URIs:
 * a real local HTTP server and a real S3-compatible server (s3proxy), credentials and endpoint given to
 * the server process as Seldon's secrets would give them, as environment variables.
 */
class ServeRemoteIT {

    private static final String KEY = "it-access";
    private static final String SECRET = "it-secret-key-0123";

    @TempDir
    static Path tmp;

    private static S3Proxy s3;
    private static HttpServer http;

    /** name → files of the model folder. */
    private static final Map<String, Map<String, byte[]>> MODELS = new LinkedHashMap<>();

    static Stream<Arguments> cases() {
        return Stream.of(
                        // model, implementation, parameter, fixture, expected key
                        Arguments.of(
                                "iris-sklearn",
                                "SKLEARN_SERVER",
                                "method=predict_proba",
                                "iris-logreg",
                                "predict_proba"),
                        Arguments.of("iris-onnx", "ONNX_SERVER", "output=probabilities", "iris-onnx", "probabilities"),
                        Arguments.of("iris-xgb", "XGBOOST_SERVER", "method=predict_proba", "iris-xgb", "predict_proba"),
                        Arguments.of(
                                "mlflow-onnx", "MLFLOW_SERVER", "output=probabilities", "iris-onnx", "probabilities"),
                        Arguments.of(
                                "mlflow-sklearn", "MLFLOW_SERVER", "method=predict", "iris-logreg-pickle", "predict"))
                .flatMap(a -> Stream.of("http", "s3").map(scheme -> {
                    Object[] v = a.get();
                    return Arguments.of(scheme, v[0], v[1], v[2], v[3], v[4]);
                }));
    }

    @BeforeAll
    static void start() throws Exception {
        Path f = ReferenceFixture.root();
        MODELS.put("iris-sklearn", Map.of("model.joblib", Files.readAllBytes(f.resolve("iris-logreg/model.joblib"))));
        MODELS.put("iris-onnx", Map.of("model.onnx", Files.readAllBytes(f.resolve("iris-onnx/model.onnx"))));
        MODELS.put("iris-xgb", Map.of("model.json", Files.readAllBytes(f.resolve("iris-xgb/model.json"))));
        MODELS.put(
                "mlflow-onnx",
                Map.of(
                        "MLmodel",
                                "flavors:\n  onnx: {data: model.onnx, onnx_version: 1.12.0}\n  python_function: {loader_module: mlflow.onnx}\n"
                                        .getBytes(StandardCharsets.UTF_8),
                        "model.onnx", Files.readAllBytes(f.resolve("iris-onnx/model.onnx"))));
        MODELS.put(
                "mlflow-sklearn",
                Map.of(
                        "MLmodel",
                                "flavors:\n  sklearn: {pickled_model: model.pkl, serialization_format: cloudpickle}\n"
                                        .getBytes(StandardCharsets.UTF_8),
                        "model.pkl", Files.readAllBytes(f.resolve("iris-logreg-pickle/model.pkl"))));

        s3 = S3Proxy.builder()
                .blobStore(new TransientNio2BlobStore())
                .endpoint(URI.create("http://127.0.0.1:0"))
                .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, KEY, SECRET)
                .build();
        s3.start();
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (!"STARTED".equals(s3.getState()) && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        try (S3Client client = S3Client.builder()
                .httpClientBuilder(UrlConnectionHttpClient.builder())
                .endpointOverride(URI.create("http://127.0.0.1:" + s3.getPort()))
                .forcePathStyle(true)
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(KEY, SECRET)))
                .build()) {
            client.createBucket(b -> b.bucket("models"));
            MODELS.forEach((name, files) -> files.forEach((file, bytes) -> client.putObject(
                    b -> b.bucket("models").key("team/" + name + "/" + file), RequestBody.fromBytes(bytes))));
        }

        http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        for (Map.Entry<String, Map<String, byte[]>> e : MODELS.entrySet()) {
            byte[] tgz = tarGz(e.getValue());
            http.createContext("/" + e.getKey() + ".tar.gz", ex -> {
                ex.sendResponseHeaders(200, tgz.length);
                ex.getResponseBody().write(tgz);
                ex.close();
            });
        }
        http.start();
    }

    @AfterAll
    static void stop() throws Exception {
        if (http != null) {
            http.stop(0);
        }
        if (s3 != null) {
            s3.stop();
        }
    }

    private static byte[] tarGz(Map<String, byte[]> files) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(new GzipCompressorOutputStream(bytes))) {
            for (Map.Entry<String, byte[]> f : files.entrySet()) {
                TarArchiveEntry entry = new TarArchiveEntry(f.getKey());
                entry.setSize(f.getValue().length);
                tar.putArchiveEntry(entry);
                tar.write(f.getValue());
                tar.closeArchiveEntry();
            }
        }
        return bytes.toByteArray();
    }

    @ParameterizedTest(name = "{0}: {1} with {2}")
    @MethodSource("cases")
    void serve_remoteModel_answersAsPython(
            String scheme, String model, String implementation, String param, String fixture, String key)
            throws Exception {
        String uri = scheme.equals("s3")
                ? "s3://models/team/" + model
                : "http://127.0.0.1:" + http.getAddress().getPort() + "/" + model + ".tar.gz";
        Map<String, String> env = Map.of(
                "S3_ENDPOINT",
                "http://127.0.0.1:" + s3.getPort(),
                "AWS_ACCESS_KEY_ID",
                KEY,
                "AWS_SECRET_ACCESS_KEY",
                SECRET,
                "AWS_REGION",
                "us-east-1");
        try (SlipwayProcess p = SlipwayProcess.start(
                env,
                "serve",
                "--implementation",
                implementation,
                "--model-uri",
                uri,
                "--param",
                param,
                "--port",
                "0",
                "--cache-dir",
                tmp.resolve("cache-" + scheme + "-" + model).toString())) {
            String url = p.awaitUrl();
            byte[] inputs =
                    Files.readAllBytes(ReferenceFixture.root().resolve(fixture).resolve("inputs.json"));
            HttpResponse<String> r = HttpClient.newHttpClient()
                    .send(
                            HttpRequest.newBuilder(URI.create(url + "/api/v1.0/predictions"))
                                    .header("Content-Type", "application/json")
                                    .POST(HttpRequest.BodyPublishers.ofByteArray(inputs))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
            SeldonMessage m = SeldonMessageReader.readMessage(r.body().getBytes(StandardCharsets.UTF_8));
            ReferenceFixture.assertMatches(
                    m.payload().tensor(),
                    ReferenceFixture.named(fixture).expected().get(key),
                    ReferenceFixture.named(fixture).tolerance(key),
                    scheme + " " + model);
        }
    }

    @org.junit.jupiter.api.Test
    void serve_missingObjectOrDeniedAccess_exitsNamingTheUri() throws Exception {
        Map<String, String> wrongKey = Map.of(
                "S3_ENDPOINT",
                "http://127.0.0.1:" + s3.getPort(),
                "AWS_ACCESS_KEY_ID",
                KEY,
                "AWS_SECRET_ACCESS_KEY",
                "wrong-secret",
                "AWS_REGION",
                "us-east-1");
        try (SlipwayProcess p = SlipwayProcess.start(
                wrongKey,
                "serve",
                "--implementation",
                "ONNX_SERVER",
                "--model-uri",
                "s3://models/team/iris-onnx",
                "--port",
                "0",
                "--cache-dir",
                tmp.resolve("denied").toString())) {
            assertThat(p.awaitExit()).isEqualTo(1);
            assertThat(p.err()).contains("s3://models/team/iris-onnx");
        }
        try (SlipwayProcess p = SlipwayProcess.start(
                "serve",
                "--implementation",
                "ONNX_SERVER",
                "--model-uri",
                "http://127.0.0.1:" + http.getAddress().getPort() + "/nope.tar.gz",
                "--port",
                "0",
                "--cache-dir",
                tmp.resolve("missing").toString())) {
            assertThat(p.awaitExit()).isEqualTo(1);
            assertThat(p.err()).contains("/nope.tar.gz").contains("404");
        }
    }
}
