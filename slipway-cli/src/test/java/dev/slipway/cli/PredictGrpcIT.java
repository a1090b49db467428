package dev.slipway.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.slipway.testing.ReferenceFixture;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code slipway predict --transport grpc} straight to a real {@code slipway serve} process (Seldon's
 * {@code Model/Predict} and {@code SendFeedback}, Open Inference {@code ModelInfer}) on its REST port and on the
 * second gRPC port; bad input is the gRPC status naming the problem and the server keeps serving.
 */
class PredictGrpcIT {

    private static final Pattern PORTS =
            Pattern.compile("listening on http://127\\.0\\.0\\.1:(\\d+) .*gRPC on port \\d+ and (\\d+)");
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    /** The first number of a Seldon {@code data} (ndarray or tensor) or an Open Inference output's {@code data}. */
    private static double first(JsonNode data) {
        JsonNode n = data.has("ndarray")
                ? data.get("ndarray")
                : data.has("tensor") ? data.path("tensor").path("values") : data.path("data");
        while (n.isArray()) {
            n = n.get(0);
        }
        assertThat(n.isNumber()).as(data.toString()).isTrue();
        return n.asDouble();
    }

    /** {@code slipway predict} over gRPC straight to the server on {@code port}. */
    private static Cli.Run grpc(String port, String... more) {
        final java.util.List<String> args = new java.util.ArrayList<>(
                java.util.List.of("predict", "--url", "127.0.0.1:" + port, "--transport", "grpc"));
        args.addAll(java.util.List.of(more));
        return Cli.run(args.toArray(String[]::new));
    }

    @Test
    void predictOverGrpc_v1AndV2_onBothPorts_andBadInputNamesTheStatus() throws Exception {
        final Path model = Files.createDirectories(dir.resolve("iris"));
        Files.copy(ReferenceFixture.root().resolve("iris-logreg/model.joblib"), model.resolve("model.joblib"));
        try (SlipwayProcess serve = SlipwayProcess.start(
                java.util.Map.of("HOME", dir.toString()),
                "serve",
                "--implementation",
                "SKLEARN_SERVER",
                "--model-uri",
                model.toUri().toString(),
                "--param",
                "method=predict",
                "--port",
                "0",
                "--grpc-port",
                "0",
                "--cache-dir",
                dir.resolve("cache").toString())) {
            final Matcher ports = serve.awaitOut(PORTS, Duration.ofSeconds(90));
            for (final String port : new String[] {ports.group(1), ports.group(2)}) {
                final Cli.Run v1 = grpc(port, "--data", "[[5.1, 3.5, 1.4, 0.2]]", "--feedback", "--reward", "1");
                assertThat(v1.code()).as(v1.out() + v1.err()).isZero();
                final JsonNode answer =
                        JSON.readTree(v1.out().lines().findFirst().orElseThrow());
                assertThat(first(answer.path("data"))).isEqualTo(0.0);
                assertThat(answer.path("meta").path("puid").asText()).isNotEmpty();
                assertThat(v1.out()).contains("feedback:");
            }
            final Cli.Run v2 =
                    grpc(ports.group(1), "--protocol", "v2", "--model", "model", "--data", "[[6.7, 3.0, 5.2, 2.3]]");
            assertThat(v2.code()).as(v2.out() + v2.err()).isZero();
            assertThat(first(JSON.readTree(v2.out()).path("outputs").get(0))).isEqualTo(2.0);

            final Cli.Run bad = grpc(ports.group(1), "--data", "[[1, 2]]");
            assertThat(bad.code()).isEqualTo(1);
            assertThat(bad.err()).contains("INVALID_ARGUMENT");
            final Cli.Run unknownModel =
                    grpc(ports.group(1), "--protocol", "v2", "--model", "nothere", "--data", "[[6.7, 3.0, 5.2, 2.3]]");
            assertThat(unknownModel.code()).isEqualTo(1);
            assertThat(unknownModel.err()).contains("NOT_FOUND");
            final Cli.Run transport = Cli.run(
                    "predict", "--url", "127.0.0.1:" + ports.group(1), "--transport", "carrier", "--data", "[[1]]");
            assertThat(transport.code()).isNotZero();
            assertThat(transport.err()).contains("--transport");
            // still serving after the bad calls
            assertThat(grpc(ports.group(1), "--data", "[[5.1, 3.5, 1.4, 0.2]]").code())
                    .isZero();
        }
    }
}
